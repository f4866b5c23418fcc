package org.secondopinion.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code outbox_backlog}: events written but not yet on Kafka. Near zero in a healthy service; growing means
 * Kafka is away or the relay is stuck, and consumers are falling behind the truth.
 */
@ApplicationScoped
public class OutboxMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, OutboxRelay relay) {
        Gauge.builder("outbox.backlog", relay, r -> {
                    try {
                        return r.backlog();
                    } catch (RuntimeException e) {
                        return Double.NaN; // database away: say "unknown", not 0
                    }
                })
                .description("Outbox events not yet published to Kafka")
                .register(registry);
    }
}
