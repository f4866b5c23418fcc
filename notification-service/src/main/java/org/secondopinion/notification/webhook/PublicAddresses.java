package org.secondopinion.notification.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a webhook may be sent to: public unicast ones only. A clinic chooses the URL, so without this
 * check our server would POST into the cluster, the cloud's metadata service (169.254.169.254) or itself (SSRF).
 * Plain Java so the table of ranges is unit-tested without a server.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** True if {@code address} is a public unicast address, i.e. {@link #whyNotPublic} is empty. */
    public static boolean isPublic(InetAddress address) {
        return whyNotPublic(address).isEmpty();
    }

    /**
     * Empty for a public unicast address; otherwise the kind of address it is, for the problem or delivery error:
     * loopback, private (RFC 1918, IPv6 unique local fc00::/7 and the old site-local fec0::/10), link-local
     * (169.254/16 with the cloud metadata service, fe80::/10), unspecified (0.0.0.0/8, ::), multicast, shared
     * CGNAT (100.64/10) or reserved (240/4, broadcast). IPv6 forms that carry an IPv4 address (IPv4-mapped
     * ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d) are judged by that IPv4 address.
     */
    public static Optional<String> whyNotPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<InetAddress> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return whyNotPublic(embedded.get());
            }
        }
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && bytes[0] == 0)) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("shared (CGNAT)");
            }
            if (first >= 240) {
                return Optional.of("reserved");
            }
        } else if ((bytes[0] & 0xfe) == 0xfc) {
            return Optional.of("private");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d (not :: or ::1) and 64:ff9b::a.b.c.d, if it is one. */
    private static Optional<InetAddress> embeddedIpv4(byte[] v6) {
        boolean firstTenZero = Arrays.equals(v6, 0, 10, new byte[10], 0, 10);
        boolean mapped = firstTenZero && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = firstTenZero && v6[10] == 0 && v6[11] == 0
                && !(Arrays.equals(v6, 12, 15, new byte[3], 0, 3) && (v6[15] & 0xfe) == 0); // not :: or ::1
        boolean nat64 = (v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff
                && (v6[3] & 0xff) == 0x9b && Arrays.equals(v6, 4, 12, new byte[8], 0, 8);
        if (!(mapped || compatible || nat64)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
