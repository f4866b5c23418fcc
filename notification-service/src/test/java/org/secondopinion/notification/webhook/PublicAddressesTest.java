package org.secondopinion.notification.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "203.0.113.10", "93.184.216.34", "100.63.255.255", "100.128.0.0",
            "172.15.255.255", "172.32.0.0", "192.167.255.255", "169.253.255.255", "223.255.255.255",
            "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "fbff::1"})
    void publicUnicastAddressesAreAllowed(String address) throws Exception {
        assertThat(PublicAddresses.whyNotPublic(InetAddress.getByName(address))).as(address).isEmpty();
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1,         loopback",
            "127.255.10.1,      loopback",
            "::1,               loopback",
            "10.0.0.5,          private",
            "10.255.255.255,    private",
            "172.16.0.1,        private",
            "172.31.255.254,    private",
            "192.168.1.1,       private",
            "fc00::1,           private",
            "fd12:3456:789a::1, private",
            "fec0::1,           private",
            "169.254.169.254,   link-local",
            "169.254.0.1,       link-local",
            "fe80::1,           link-local",
            "febf::1,           link-local",
            "0.0.0.0,           unspecified",
            "0.1.2.3,           unspecified",
            "::,                unspecified",
            "224.0.0.1,         multicast",
            "239.255.255.250,   multicast",
            "ff02::1,           multicast",
            "100.64.0.1,        shared (CGNAT)",
            "100.127.255.255,   shared (CGNAT)",
            "240.0.0.1,         reserved",
            "255.255.255.255,   reserved",
            // IPv6 spellings of IPv4 addresses are judged by the IPv4 address (the JDK turns the mapped form
            // into an Inet4Address itself; the others stay IPv6)
            "::ffff:127.0.0.1,  loopback",
            "::ffff:169.254.169.254, link-local",
            "::ffff:10.0.0.5,   private",
            "::ffff:100.64.0.1, shared (CGNAT)",
            "::10.0.0.5,        private",
            "::127.0.0.1,       loopback",
            "64:ff9b::a9fe:a9fe, link-local",
            "64:ff9b::7f00:1,   loopback"})
    void everyNonPublicKindIsRefusedAndNamed(String address, String kind) throws Exception {
        assertThat(PublicAddresses.whyNotPublic(InetAddress.getByName(address))).as(address).contains(kind);
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    /** An IPv4-mapped address built as a real Inet6Address (as a socket may hand it over) is judged by its IPv4. */
    @ParameterizedTest
    @CsvSource({"127.0.0.1, loopback", "169.254.169.254, link-local", "192.168.0.1, private", "8.8.8.8, ''"})
    void ipv4MappedInet6AddressesAreJudgedByTheirIpv4Address(String ipv4, String kind) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        InetAddress mapped = Inet6Address.getByAddress(null, v6, -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);

        if (kind.isEmpty()) {
            assertThat(PublicAddresses.whyNotPublic(mapped)).isEmpty();
        } else {
            assertThat(PublicAddresses.whyNotPublic(mapped)).contains(kind);
        }
    }
}
