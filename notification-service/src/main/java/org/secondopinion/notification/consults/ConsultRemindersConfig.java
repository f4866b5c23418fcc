package org.secondopinion.notification.consults;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Reminders before a live consult ({@code so.consult-reminders.*}); sending is the work queue's. */
@ConfigMapping(prefix = "so.consult-reminders")
public interface ConsultRemindersConfig {

    /**
     * How long before the start each reminder goes out, ISO-8601, comma-separated: positive, whole minutes, no two
     * alike ({@link LeadTime#validated}); the service does not start otherwise. A change applies to consults booked
     * or moved afterwards: reminders already scheduled keep the lead time they were scheduled with.
     */
    @WithDefault("PT24H,PT1H")
    List<Duration> leadTimes();
}
