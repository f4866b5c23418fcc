package org.secondopinion.notification.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Webhook signing secrets at rest: sealed with {@link SecretBox} (AES-256-GCM, the webhook id as associated data, so
 * a sealed secret copied onto another row does not open) under {@code so.webhooks.secret-key}. The service does not
 * start without that key: this bean is built at startup and refuses to be built without it.
 * <p>
 * Rows written before encryption hold the secret in clear. A Flyway migration cannot seal them (the key is not in
 * the database, and must not be), so {@link #sealStoredSecrets()} does it once at every startup: clear rows are
 * sealed, rows sealed with a previous key (rotation) are sealed again with the current one, everything else is left
 * as it is. Until that pass has run, {@link #open} still reads a clear row as its secret, so no delivery fails in
 * between. A startup pass rather than sealing lazily on read: it empties the table of clear secrets right after the
 * upgrade, also for webhooks that receive nothing for months (and deleted ones), and a rotation ends in one
 * observable step ("0 left") instead of whenever the last webhook happens to be used.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    static final String KEY_VARIABLE = "SO_WEBHOOKS_SECRET_KEY";
    static final String PREVIOUS_KEYS_VARIABLE = "SO_WEBHOOKS_PREVIOUS_SECRET_KEYS";
    /** What {@link WebhookSigner#newSecret()} has always produced: the only clear text accepted from the database. */
    private static final Pattern CLEAR_SECRET =
            Pattern.compile(Pattern.quote(WebhookSigner.SECRET_PREFIX) + "[A-Za-z0-9_-]{43}");

    /** How the startup pass went: sealed from clear, sealed again from a previous key, rows that would not open. */
    public record Resealed(int fromClear, int fromPreviousKey, int unreadable) {
    }

    private final SecretBox box;
    private final WebhookRepository repository;

    public WebhookSecrets(WebhookConfig config, WebhookRepository repository) {
        this.box = box(config);
        this.repository = repository;
    }

    static SecretBox box(WebhookConfig config) {
        String key = config.secretKey().map(String::strip).filter(k -> !k.isEmpty()).orElseThrow(() ->
                new IllegalStateException("Webhook secrets cannot be stored: set " + KEY_VARIABLE
                        + " (so.webhooks.secret-key) to the base64 of 32 random bytes, e.g. `openssl rand -base64 32`;"
                        + " keep it in a secret store, never in a ConfigMap or in git"));
        return new SecretBox(SecretBox.decodeKey(key, KEY_VARIABLE),
                config.previousSecretKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty())
                        .map(k -> SecretBox.decodeKey(k, PREVIOUS_KEYS_VARIABLE)).toList());
    }

    /** The stored form of {@code secret} for the webhook {@code webhookId}. */
    public String seal(UUID webhookId, String secret) {
        return box.seal(secret, associatedData(webhookId));
    }

    /**
     * The webhook's secret, to sign with. A clear row from before encryption (only until the startup pass has
     * sealed it) is its own secret. Throws {@link SecretBox.SealException} for a value that does not open.
     */
    public String open(Webhook webhook) {
        String stored = webhook.storedSecret();
        if (!SecretBox.isSealed(stored)) {
            if (CLEAR_SECRET.matcher(stored).matches()) {
                return stored;
            }
            throw new SecretBox.SealException("stored secret is neither sealed nor a clear secret of the old format");
        }
        return box.open(stored, associatedData(webhook.id)).plaintext();
    }

    void onStart(@Observes StartupEvent event) {
        Resealed result = sealStoredSecrets();
        if (result.unreadable() > 0) {
            LOG.errorf("%d webhook secret(s) do not open with %s or %s: their deliveries wait (check the keys; the "
                    + "webhooks are named above)", result.unreadable(), KEY_VARIABLE, PREVIOUS_KEYS_VARIABLE);
        }
        // the rotation runbook waits for this line: "0 under a previous key" on every pod
        LOG.infof("webhook secrets at rest: %d sealed from clear text, %d sealed again from a previous key",
                result.fromClear(), result.fromPreviousKey());
    }

    /**
     * Seals clear rows and re-seals rows opened only by a previous key, all webhooks (deleted ones too: they still
     * hold a secret). Replicas starting together take turns (advisory lock), so each row is sealed once. The table
     * is small — at most {@code so.webhooks.max-per-clinic} live webhooks per clinic — so one transaction suffices.
     */
    public Resealed sealStoredSecrets() {
        return QuarkusTransaction.requiringNew().call(() -> {
            repository.lockSecretsPass();
            int fromClear = 0;
            int fromPrevious = 0;
            int unreadable = 0;
            for (Webhook webhook : repository.all()) {
                String stored = webhook.storedSecret();
                try {
                    if (!SecretBox.isSealed(stored)) {
                        webhook.storeSecret(seal(webhook.id, open(webhook)));
                        fromClear++;
                    } else {
                        SecretBox.Opened opened = box.open(stored, associatedData(webhook.id));
                        if (opened.stale()) {
                            webhook.storeSecret(seal(webhook.id, opened.plaintext()));
                            fromPrevious++;
                        }
                    }
                } catch (SecretBox.SealException e) {
                    unreadable++;
                    LOG.errorf("webhook %s: stored secret unreadable: %s", webhook.id, e.getMessage());
                }
            }
            return new Resealed(fromClear, fromPrevious, unreadable);
        });
    }

    private static byte[] associatedData(UUID webhookId) {
        return webhookId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
