package org.secondopinion.gateway.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The gateway's clock, UTC: inject {@link Clock} instead of reading the system time. The gateway's own copy of
 * platform-common's {@code ClockProducer} because the gateway does not depend on platform-common (which brings
 * Hibernate and Kafka); when it depends on the shared web plumbing instead, delete this class.
 */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
