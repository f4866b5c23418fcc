package org.secondopinion.gateway.limits;

import org.junit.jupiter.api.Test;
import org.secondopinion.gateway.routing.Route;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private long now = 0;
    private final CircuitBreaker breaker = new CircuitBreaker("case-service",
            new Route.BreakerSettings(3, Duration.ofSeconds(10)), () -> now);

    @Test
    void opensAfterConsecutiveFailuresAndRefusesDuringCoolDown() {
        failTimes(3);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        now += Duration.ofSeconds(4).toNanos();
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.remainingCoolDown()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        failTimes(2);
        breaker.tryAcquire();
        breaker.onSuccess();
        failTimes(2);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterCoolDownOneTrialPassesAndItsSuccessCloses() {
        failTimes(3);
        now += Duration.ofSeconds(10).toNanos();

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        // while the trial is out, nobody else goes
        assertThat(breaker.tryAcquire()).isFalse();

        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.remainingCoolDown()).isZero();
    }

    @Test
    void failedTrialOpensAgainForAFullCoolDown() {
        failTimes(3);
        now += Duration.ofSeconds(11).toNanos();
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.remainingCoolDown()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aReleasedCallNeitherCountsNorResetsTheCount() {
        failTimes(2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.release();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        failTimes(1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void aReleasedTrialLetsTheNextCallTry() {
        failTimes(3);
        now += Duration.ofSeconds(10).toNanos();
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.release();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    private void failTimes(int n) {
        for (int i = 0; i < n; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
    }
}
