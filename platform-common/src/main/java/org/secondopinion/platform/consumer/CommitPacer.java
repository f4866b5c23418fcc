package org.secondopinion.platform.consumer;

import java.time.Duration;

/**
 * When the polling loop commits its processed offsets: at most once per interval while records keep coming, and on
 * the first poll that brings none. Each commit is a write to the broker's offsets log (and a fetch of the answer),
 * and at tens of polls a second committing after every poll cost the broker more than the events themselves. What a
 * crash leaves uncommitted (up to one interval of events) is delivered again and skipped by the inbox. Revocation
 * and shutdown commit regardless of the pacer.
 */
final class CommitPacer {

    static final Duration INTERVAL = Duration.ofMillis(100);

    private final long intervalNanos;
    private long lastCommitNanos;
    private boolean committedBefore;

    CommitPacer(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Whether to commit now, after a poll that brought {@code records} records, {@code now} being nanoTime. */
    boolean due(int records, long now) {
        return records == 0 || !committedBefore || now - lastCommitNanos >= intervalNanos;
    }

    /** A commit was sent at {@code now}. */
    void committed(long now) {
        lastCommitNanos = now;
        committedBefore = true;
    }
}
