package org.secondopinion.cases.outcomes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** When patients are asked for their decision after the opinion (issue 17). */
@ConfigMapping(prefix = "so.outcomes")
public interface OutcomesConfig {

    /**
     * How long after the opinion each reminder goes out while the patient has not answered, in order (at most these;
     * default +14 and +90 days).
     */
    @WithDefault("P14D,P90D")
    List<Duration> reminders();

    /** A reminder not sent within this long after it fell due (the service was down) is skipped. */
    @WithDefault("P30D")
    Duration reminderGrace();

    /** How often the reminder sweep runs (a scheduler period such as {@code 10m}; read by {@link OutcomeReminders}). */
    @WithDefault("10m")
    String reminderInterval();
}
