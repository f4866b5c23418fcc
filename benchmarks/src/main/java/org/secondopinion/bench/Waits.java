package org.secondopinion.bench;

import java.util.function.BooleanSupplier;

/** Polling for a condition with a deadline (benchmarks wait for the platform to catch up, they never assert). */
final class Waits {

    private Waits() {
    }

    /** @return whether the condition held before the deadline */
    static boolean until(int seconds, BooleanSupplier condition) {
        return until(seconds, 200, condition);
    }

    static boolean until(int seconds, long pollMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            pause(pollMillis);
        }
        return condition.getAsBoolean();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
