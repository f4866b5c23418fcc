package org.secondopinion.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness tells the truth about the event consumer: a replica that has not joined its consumer group yet is not
 * doing its work (DOWN), one that has, with or without partitions, is. Liveness turns DOWN only if the consumer
 * thread died on an unexpected failure: restarting the replica is then the cure.
 */
public class EventConsumerHealth {

    private EventConsumerHealth() {
    }

    static HealthCheckResponse report(EventConsumer consumer, boolean readiness) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumer")
                .withData("state", consumer.state().name());
        if (consumer.state() == EventConsumer.State.DISABLED) {
            return response.up().build();
        }
        response.withData("consumer", consumer.name()).withData("partitions", consumer.assignment().toString());
        if (consumer.failure() != null) {
            response.withData("failure", consumer.failure().toString());
        }
        boolean up = readiness ? consumer.state() == EventConsumer.State.JOINED
                : consumer.state() != EventConsumer.State.FAILED;
        return response.status(up).build();
    }

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        private final EventConsumer consumer;

        public Ready(EventConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public HealthCheckResponse call() {
            return report(consumer, true);
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        private final EventConsumer consumer;

        public Live(EventConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public HealthCheckResponse call() {
            return report(consumer, false);
        }
    }
}
