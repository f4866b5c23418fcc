package org.secondopinion.platform.consumer;

import org.secondopinion.platform.work.Backoff;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs consumer sessions one after another until the consumer is stopped. A session ends normally only when the
 * consumer stops; one that fails (the broker fenced this member, e.g. Kafka 4's consumer protocol refusing a static
 * member's restarted incarnation until its session expires, or anything else the Kafka client gives up on) is
 * followed by a fresh session after a pause that doubles per consecutive failure. A consumer thread that died on its
 * first fatal error left the replica running but never consuming again.
 */
final class Sessions {

    /** Pauses between failed sessions: 1 s doubling up to 30 s. */
    static final Backoff PAUSES = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private Sessions() {
    }

    /**
     * @param running   whether the consumer should still run
     * @param session   one session: returns when stopping, throws when it failed
     * @param onFailure told of each failure and the pause before the next session
     * @return how many sessions failed
     */
    static int untilStopped(BooleanSupplier running, Runnable session, Backoff pauses,
                            FailureListener onFailure, Pause pause) {
        int failedInARow = 0;
        int failed = 0;
        while (running.getAsBoolean()) {
            try {
                session.run();
                failedInARow = 0;
            } catch (RuntimeException e) {
                failedInARow++;
                failed++;
                Duration wait = pauses.after(failedInARow);
                onFailure.failed(e, wait);
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return failed;
                }
            }
        }
        return failed;
    }

    interface FailureListener {
        void failed(RuntimeException failure, Duration nextSessionIn);
    }

}
