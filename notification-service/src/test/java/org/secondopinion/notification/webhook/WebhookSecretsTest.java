package org.secondopinion.notification.webhook;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key handling and the reading of stored secrets, without Quarkus (no database: only open and seal). */
class WebhookSecretsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void withoutAKeyTheServiceRefusesToStartNamingTheVariable() {
        for (Optional<String> missing : List.of(Optional.<String>empty(), Optional.of("  "))) {
            assertThatThrownBy(() -> new WebhookSecrets(config(missing, Optional.empty()), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SO_WEBHOOKS_SECRET_KEY")
                    .hasMessageContaining("openssl rand -base64 32");
        }
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> new WebhookSecrets(config(Optional.of("CHANGE-ME"), Optional.empty()), null))
                .hasMessageContaining("SO_WEBHOOKS_SECRET_KEY");
        assertThatThrownBy(() -> new WebhookSecrets(config(Optional.of(KEY), Optional.of(List.of("short"))), null))
                .hasMessageContaining("SO_WEBHOOKS_PREVIOUS_SECRET_KEYS");
    }

    @Test
    void aSecretSealedForOneWebhookOpensForItAndNotForAnother() {
        WebhookSecrets secrets = new WebhookSecrets(config(Optional.of(KEY), Optional.empty()), null);
        String secret = WebhookSigner.newSecret();
        UUID id = UUID.randomUUID();
        String sealed = secrets.seal(id, secret);

        assertThat(secrets.open(webhook(id, sealed))).isEqualTo(secret);
        // the sealed value copied onto another row (by someone with write access to the table) does not sign
        assertThatThrownBy(() -> secrets.open(webhook(UUID.randomUUID(), sealed)))
                .isInstanceOf(SecretBox.SealException.class);
    }

    @Test
    void aRowFromBeforeEncryptionIsReadAsClearTextButOnlyInTheOldSecretFormat() {
        WebhookSecrets secrets = new WebhookSecrets(config(Optional.of(KEY), Optional.empty()), null);
        String secret = WebhookSigner.newSecret();

        assertThat(secrets.open(webhook(UUID.randomUUID(), secret))).isEqualTo(secret);
        for (String unknown : List.of("v2:abc", "whsec_short", "anything else")) {
            assertThatThrownBy(() -> secrets.open(webhook(UUID.randomUUID(), unknown)))
                    .isInstanceOf(SecretBox.SealException.class).hasMessageNotContaining(unknown);
        }
    }

    private static Webhook webhook(UUID id, String stored) {
        return new Webhook(id, "clinic-1", "https://ehr.clinic.example/hooks", null, stored, Instant.now());
    }

    /** A WebhookConfig answering only the two key properties. */
    private static WebhookConfig config(Optional<String> key, Optional<List<String>> previous) {
        return (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(),
                new Class<?>[] {WebhookConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "secretKey" -> key;
                    case "previousSecretKeys" -> previous;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
