package org.secondopinion.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.retention.RetentionRule;

import java.time.Duration;

/**
 * Sent and dead deliveries stay in the delivery log for 90 days ({@code so.retention.deliveries.age}), long
 * enough to answer "did the patient get told?"; platform retention deletes older ones. The feed is not affected.
 */
@ApplicationScoped
public class FinishedDeliveries implements RetentionRule {

    @Override
    public String name() {
        return "deliveries";
    }

    @Override
    public String table() {
        return "delivery";
    }

    @Override
    public String expiredWhen() {
        return "status IN ('SENT', 'DEAD') AND created_at < ?1";
    }

    @Override
    public Duration defaultAge() {
        return Duration.ofDays(90);
    }
}
