package org.secondopinion.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Clinic webhooks: what may be registered, how callbacks are sent and sealed. How hard they are tried (attempts,
 * backoff, lease, sweep) is the work queue's: {@code so.work.webhooks.*} ({@link WebhookQueue}).
 */
@ConfigMapping(prefix = "so.webhooks")
public interface WebhookConfig {

    /**
     * Whether plain {@code http://} URLs may be registered. On for local runs and tests (receivers on 127.0.0.1);
     * production sets {@code SO_WEBHOOKS_ALLOW_HTTP=false} so referral data only travels over TLS.
     */
    @WithDefault("true")
    boolean allowHttp();

    /**
     * Whether webhooks may point to addresses that are not public: loopback, private, link-local (the cloud's
     * metadata service), CGNAT and the like ({@link PublicAddresses}). Off (the default, and in production): such
     * a URL is refused at registration and a name resolving to such an address at delivery, so a clinic cannot
     * make us POST into our own network. On only for local runs and tests, whose receivers listen on 127.0.0.1.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Live (not deleted) webhooks per clinic. */
    @WithDefault("10")
    int maxPerClinic();

    /** Connect and response timeout of one POST: a slow receiver counts as a failed attempt. */
    @WithDefault("5s")
    Duration timeout();

    /** POSTs in flight at once: one slow clinic must not hold up every other clinic's callbacks. */
    @WithDefault("4")
    int senders();

    /**
     * The AES-256 key (base64 of 32 bytes, {@code SO_WEBHOOKS_SECRET_KEY}) that seals webhook signing secrets in
     * the database ({@link WebhookSecrets}). No default outside dev and test: the service does not start without it.
     */
    Optional<String> secretKey();

    /**
     * Keys sealed with before the current one (comma-separated, {@code SO_WEBHOOKS_PREVIOUS_SECRET_KEYS}): used to
     * open, never to seal, and values they open are sealed again with the current key at startup. Only during a
     * rotation (docs/OPERATIONS.md §8).
     */
    Optional<List<String>> previousSecretKeys();
}
