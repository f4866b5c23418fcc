package org.secondopinion.infra.testing;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in every Quarkus test module that uses embedded-infra (replaces the platform's default bean):
 * the real time, moved ahead by what a test sets, to reach a consult's join window or a reminder's due time without
 * waiting. Tests that move it put it back.
 */
@Singleton
public class MovableClock extends Clock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    public static void setTo(Instant when) {
        OFFSET.set(Duration.between(Clock.systemUTC().instant(), when));
    }

    public static void reset() {
        OFFSET.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), OFFSET.get());
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(OFFSET.get());
    }
}
