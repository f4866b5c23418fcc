package org.secondopinion.gateway.limits;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;
import org.secondopinion.gateway.routing.Route;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final FakeClock clock = new FakeClock();
    private final RateLimiter limiter = new RateLimiter(clock);
    private final Route.RateLimit threePerThreeSeconds = new Route.RateLimit(3, Duration.ofSeconds(3));

    @Test
    void burstUpToCapacityThenRefusedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsume("case-service", threePerThreeSeconds, "user:patient1").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryConsume("case-service", threePerThreeSeconds, "user:patient1");

        assertThat(refused.allowed()).isFalse();
        // one token comes back per second
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void tokensComeBackOverTime() {
        for (int i = 0; i < 3; i++) {
            limiter.tryConsume("case-service", threePerThreeSeconds, "user:patient1");
        }
        clock.advance(Duration.ofMillis(400));
        assertThat(limiter.tryConsume("case-service", threePerThreeSeconds, "user:patient1").allowed()).isFalse();

        clock.advance(Duration.ofMillis(700));
        assertThat(limiter.tryConsume("case-service", threePerThreeSeconds, "user:patient1").allowed()).isTrue();
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        Route.RateLimit onePerMinute = new Route.RateLimit(1, Duration.ofMinutes(1));
        limiter.tryConsume("me", onePerMinute, "user:a");
        clock.advance(Duration.ofMillis(30_500));

        assertThat(limiter.tryConsume("me", onePerMinute, "user:a").retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void clientsAndRoutesHaveSeparateBuckets() {
        Route.RateLimit one = new Route.RateLimit(1, Duration.ofMinutes(1));
        assertThat(limiter.tryConsume("case-service", one, "user:patient1").allowed()).isTrue();

        assertThat(limiter.tryConsume("case-service", one, "user:patient1").allowed()).isFalse();
        assertThat(limiter.tryConsume("case-service", one, "user:patient2").allowed()).isTrue();
        assertThat(limiter.tryConsume("matching-service", one, "user:patient1").allowed()).isTrue();
    }

    @Test
    void fullyRefilledBucketsAreForgotten() {
        limiter.tryConsume("case-service", threePerThreeSeconds, "ip:203.0.113.7");
        limiter.tryConsume("case-service", threePerThreeSeconds, "ip:203.0.113.8");
        assertThat(limiter.evictIdle()).isZero();

        clock.advance(Duration.ofSeconds(2));
        limiter.tryConsume("case-service", threePerThreeSeconds, "ip:203.0.113.8");
        assertThat(limiter.evictIdle()).isEqualTo(1);
        assertThat(limiter.size()).isEqualTo(1);
    }

    static final class FakeClock implements TimeMeter {
        private long nanos = 1_000_000_000L;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
