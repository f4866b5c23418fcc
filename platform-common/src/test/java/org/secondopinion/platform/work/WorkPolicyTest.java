package org.secondopinion.platform.work;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final WorkPolicy policy = WorkPolicy.DEFAULTS.withMaxAttempts(3)
            .withBackoff(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(2)));

    @Test
    void failedRowsComeBackAfterADoublingBackoffUpToItsCap() {
        assertThat(policy.retryAt(1, NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(policy.retryAt(2, NOW)).isEqualTo(NOW.plusSeconds(60));
        assertThat(policy.retryAt(3, NOW)).isEqualTo(NOW.plusSeconds(120));
        assertThat(policy.retryAt(30, NOW)).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void aRowIsGivenUpOnlyOnceItsAttemptsAreUsedUp() {
        assertThat(policy.exhausted(2)).isFalse();
        assertThat(policy.exhausted(3)).isTrue();
    }

    @Test
    void nonsensePoliciesAreRefusedAtStartRatherThanSpinning() {
        assertThatThrownBy(() -> WorkPolicy.DEFAULTS.withBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkPolicy.DEFAULTS.withSweepInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkPolicy.DEFAULTS.withLinger(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        // a linger as long as the sweep interval would make every wake-up wait for the sweep anyway
        assertThatThrownBy(() -> WorkPolicy.DEFAULTS.withLinger(WorkPolicy.DEFAULTS.sweepInterval()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger");
    }

    @Test
    void aWakeUpStartsItsPassAtOnceUnlessTheQueueAsksToLinger() {
        assertThat(WorkPolicy.DEFAULTS.linger()).isZero();
        assertThat(WorkPolicy.DEFAULTS.withLinger(Duration.ofMillis(100)).withBatchSize(10).linger())
                .isEqualTo(Duration.ofMillis(100));
    }
}
