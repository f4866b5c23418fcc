package org.secondopinion.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.retention.RetentionRule;

import java.time.Duration;

/**
 * A clinic's delivery history keeps finished callbacks (sent or dead) for 90 days
 * ({@code so.retention.webhook-deliveries.age}); platform retention deletes older ones.
 */
@ApplicationScoped
public class FinishedWebhookDeliveries implements RetentionRule {

    @Override
    public String name() {
        return "webhook-deliveries";
    }

    @Override
    public String table() {
        return "webhook_delivery";
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
