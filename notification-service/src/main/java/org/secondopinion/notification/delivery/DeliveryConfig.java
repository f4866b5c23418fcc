package org.secondopinion.notification.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How hard the delivery worker tries (tests shorten these with {@code %test.}). */
@ConfigMapping(prefix = "notification.delivery")
public interface DeliveryConfig {

    /** Attempts in all, the first included; after the last failure a delivery is DEAD. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait after the first failure; each further failure doubles it, up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration initialBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /** How long a claimed row stays hidden from other passes while it is being sent (a crash frees it after). */
    @WithDefault("2m")
    Duration lease();

    @WithDefault("50")
    int batchSize();

    /** How often due retries are looked for (fresh deliveries do not wait for it: commits wake the worker). */
    @WithDefault("5s")
    Duration sweepInterval();

    default Backoff backoff() {
        return new Backoff(initialBackoff(), maxBackoff());
    }
}
