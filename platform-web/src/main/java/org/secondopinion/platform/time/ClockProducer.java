package org.secondopinion.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock of a service, UTC. Inject {@link Clock} instead of calling {@code Clock.systemUTC()} or
 * {@code Instant.now()}: a test replaces this bean with a fixed or movable clock to reach deadlines, expiries and
 * reminders without waiting for them.
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
