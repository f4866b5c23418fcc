package org.secondopinion.specialist.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code so.credentials.*}: when the daily expiry job runs and how much it does per transaction. */
@ConfigMapping(prefix = "so.credentials")
public interface CredentialsConfig {

    /** Quartz-style cron (seconds first), in the server's time zone. */
    @WithDefault("0 15 2 * * ?")
    String expiryCron();

    /** Specialists per transaction. */
    @WithDefault("500")
    int expiryBatchSize();
}
