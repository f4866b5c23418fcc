package org.secondopinion.platform.work;

import java.time.Duration;

/** Exponential backoff: {@code initial × 2^(failures-1)}, capped at {@code max}. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        // past 2^30 the product only overflows; the cap has long been reached anyway
        int shift = Math.min(failures - 1, 30);
        Duration delay = initial.multipliedBy(1L << shift);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }
}
