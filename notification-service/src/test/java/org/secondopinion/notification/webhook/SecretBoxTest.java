package org.secondopinion.notification.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET = WebhookSigner.newSecret();
    private static final byte[] ROW = id(UUID.randomUUID());

    private final byte[] key = randomKey();
    private final SecretBox box = new SecretBox(key);

    @Test
    void aSealedSecretOpensToItselfForTheSameRow() {
        String sealed = box.seal(SECRET, ROW);

        assertThat(sealed).startsWith("v1:").matches("v1:[A-Za-z0-9_-]+").doesNotContain(SECRET)
                .doesNotContain(SECRET.substring(WebhookSigner.SECRET_PREFIX.length()));
        // iv (12) + ciphertext (49) + tag (16) bytes, base64url without padding: fits V5's VARCHAR(200)
        assertThat(Base64.getUrlDecoder().decode(sealed.substring(3))).hasSize(12 + SECRET.length() + 16);
        assertThat(sealed.length()).isLessThanOrEqualTo(200);
        assertThat(box.open(sealed, ROW)).isEqualTo(new SecretBox.Opened(SECRET, false));
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(SecretBox.isSealed(SECRET)).isFalse();
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentValues() {
        String first = box.seal(SECRET, ROW);
        String second = box.seal(SECRET, ROW);

        assertThat(first).isNotEqualTo(second);
        // a fresh IV each time: the first 12 bytes differ
        assertThat(java.util.Arrays.copyOf(Base64.getUrlDecoder().decode(first.substring(3)), 12))
                .isNotEqualTo(java.util.Arrays.copyOf(Base64.getUrlDecoder().decode(second.substring(3)), 12));
        assertThat(box.open(first, ROW).plaintext()).isEqualTo(box.open(second, ROW).plaintext()).isEqualTo(SECRET);
    }

    @Test
    void aTamperedValueIsRefused() {
        byte[] raw = Base64.getUrlDecoder().decode(box.seal(SECRET, ROW).substring(3));
        for (int position : new int[] {0, 11, 12, raw.length - 17, raw.length - 1}) { // iv, ciphertext, tag
            byte[] tampered = raw.clone();
            tampered[position] ^= 1;
            String value = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> box.open(value, ROW)).as("byte %d flipped", position)
                    .isInstanceOf(SecretBox.SealException.class);
        }
        String sealed = box.seal(SECRET, ROW);
        assertThatThrownBy(() -> box.open(sealed.substring(0, sealed.length() - 4), ROW))
                .isInstanceOf(SecretBox.SealException.class);
        assertThatThrownBy(() -> box.open("v1:" + "A".repeat(20), ROW)).isInstanceOf(SecretBox.SealException.class);
        assertThatThrownBy(() -> box.open("v1:not base64!", ROW)).isInstanceOf(SecretBox.SealException.class);
        assertThatThrownBy(() -> box.open(SECRET, ROW)).isInstanceOf(SecretBox.SealException.class);
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = box.seal(SECRET, ROW);

        assertThatThrownBy(() -> new SecretBox(randomKey()).open(sealed, ROW))
                .isInstanceOf(SecretBox.SealException.class)
                .hasMessageNotContaining(SECRET).hasMessageNotContaining(sealed);
    }

    @Test
    void aValueMovedToAnotherRowIsRefused() {
        String sealed = box.seal(SECRET, ROW);

        assertThatThrownBy(() -> box.open(sealed, id(UUID.randomUUID())))
                .isInstanceOf(SecretBox.SealException.class);
    }

    @Test
    void aPreviousKeyStillOpensButOnlyTheCurrentOneSeals() {
        byte[] oldKey = randomKey();
        String sealedWithOld = new SecretBox(oldKey).seal(SECRET, ROW);
        SecretBox rotated = new SecretBox(key, List.of(oldKey));

        assertThat(rotated.open(sealedWithOld, ROW)).isEqualTo(new SecretBox.Opened(SECRET, true));
        String resealed = rotated.seal(SECRET, ROW);
        assertThat(new SecretBox(key).open(resealed, ROW)).isEqualTo(new SecretBox.Opened(SECRET, false));
        assertThatThrownBy(() -> new SecretBox(oldKey).open(resealed, ROW))
                .isInstanceOf(SecretBox.SealException.class);
        // the opened value never shows up in a log line by accident
        assertThat(rotated.open(sealedWithOld, ROW).toString()).doesNotContain(SECRET);
    }

    @Test
    void keysAreTheBase64Of32BytesAndBadOnesAreNamedButNotShown() {
        String text = Base64.getEncoder().encodeToString(key);
        assertThat(SecretBox.decodeKey(text, "SO_WEBHOOKS_SECRET_KEY")).isEqualTo(key);
        assertThat(SecretBox.decodeKey(" " + text + "\n", "SO_WEBHOOKS_SECRET_KEY")).isEqualTo(key);
        assertThat(SecretBox.decodeKey(Base64.getUrlEncoder().withoutPadding().encodeToString(key), "X"))
                .isEqualTo(key);

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretBox.decodeKey(shortKey, "SO_WEBHOOKS_SECRET_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SO_WEBHOOKS_SECRET_KEY").hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SecretBox.decodeKey("CHANGE-ME", "SO_WEBHOOKS_SECRET_KEY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SO_WEBHOOKS_SECRET_KEY")
                .hasMessageNotContaining("CHANGE-ME");
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    private static byte[] id(UUID id) {
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
