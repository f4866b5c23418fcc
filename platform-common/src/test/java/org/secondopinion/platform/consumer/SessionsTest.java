package org.secondopinion.platform.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A consumer whose session fails starts a new one (after a growing pause) instead of staying dead. */
class SessionsTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    void aFailedSessionIsFollowedByAFreshOneAfterAGrowingPause() {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sessions = new AtomicInteger();
        int failed = Sessions.untilStopped(running::get, () -> {
            int n = sessions.incrementAndGet();
            if (n <= 3) {
                throw new IllegalStateException("fenced " + n); // e.g. an unreleased static instance id
            }
            running.set(false); // the fourth session runs until the consumer stops
        }, Sessions.PAUSES, (e, next) -> failures.add(e.getMessage()), pauses::add);

        assertThat(sessions).hasValue(4);
        assertThat(failed).isEqualTo(3);
        assertThat(failures).containsExactly("fenced 1", "fenced 2", "fenced 3");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aSessionThatRanWellResetsThePause() {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sessions = new AtomicInteger();
        Sessions.untilStopped(running::get, () -> {
            int n = sessions.incrementAndGet();
            if (n == 1 || n == 3) {
                throw new IllegalStateException("failed " + n);
            }
            if (n == 4) {
                running.set(false);
            }
            // session 2 ended without failing (a clean rejoin), so the next failure pauses briefly again
        }, Sessions.PAUSES, (e, next) -> failures.add(e.getMessage()), pauses::add);

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aStoppedConsumerStartsNoSession() {
        AtomicInteger sessions = new AtomicInteger();
        int failed = Sessions.untilStopped(() -> false, sessions::incrementAndGet, Sessions.PAUSES,
                (e, next) -> failures.add(e.getMessage()), pauses::add);

        assertThat(sessions).hasValue(0);
        assertThat(failed).isZero();
    }

    @Test
    void thePauseIsCappedAtThirtySeconds() {
        assertThat(Sessions.PAUSES.after(10)).isEqualTo(Duration.ofSeconds(30));
    }
}
