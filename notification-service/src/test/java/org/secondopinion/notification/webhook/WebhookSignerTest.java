package org.secondopinion.notification.webhook;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignerTest {

    private static final byte[] BODY = "{\"id\":\"d-1\",\"type\":\"referral.created\",\"note\":\"Zürich\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void hmacMatchesTheRfc4231TestVector() {
        // RFC 4231, test case 2
        assertThat(WebhookSigner.hmacHex("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void signatureIsLowercaseHexHmacOfTimestampDotBodyKeyedWithTheSecretString() throws Exception {
        String secret = "whsec_test-secret";

        String signature = WebhookSigner.sign(secret, 1767225600L, BODY);

        // what docs/WEBHOOKS.md tells a clinic to compute
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(
                ("1767225600." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo("sha256=" + expected).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void timestampBodyAndSecretAreAllCovered() {
        String signature = WebhookSigner.sign("whsec_a", 1767225600L, BODY);

        assertThat(WebhookSigner.sign("whsec_a", 1767225601L, BODY)).isNotEqualTo(signature);
        assertThat(WebhookSigner.sign("whsec_b", 1767225600L, BODY)).isNotEqualTo(signature);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(WebhookSigner.sign("whsec_a", 1767225600L, tampered)).isNotEqualTo(signature);
        assertThat(WebhookSigner.sign("whsec_a", 1767225600L, BODY)).isEqualTo(signature);
    }

    @Test
    void theVerificationExampleOfTheDocsAcceptsOurSignaturesOnly() throws Exception {
        String secret = WebhookSigner.newSecret();
        long now = System.currentTimeMillis() / 1000;
        String signature = WebhookSigner.sign(secret, now, BODY);

        assertThat(verify(secret, Long.toString(now), BODY, signature)).isTrue();
        assertThat(verify(WebhookSigner.newSecret(), Long.toString(now), BODY, signature)).isFalse();
        assertThat(verify(secret, Long.toString(now + 1), BODY, signature)).isFalse();
        long old = now - 600;
        assertThat(verify(secret, Long.toString(old), BODY, WebhookSigner.sign(secret, old, BODY))).isFalse();
    }

    /** Copied from docs/WEBHOOKS.md, "Verifying the signature": keep the two identical. */
    static boolean verify(String secret, String timestamp, byte[] rawBody, String signatureHeader) throws Exception {
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
        if (age > 300) return false;                                     // older than 5 minutes: a replay
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signatureHeader.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secretsAre32RandomBytesBase64UrlWithAPrefix() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = WebhookSigner.newSecret();
            assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
            assertThat(java.util.Base64.getUrlDecoder().decode(secret.substring(6))).hasSize(32);
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(100);
    }
}
