package org.secondopinion.platform.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Offsets are committed at most every interval while records keep coming, and as soon as a poll comes back empty. */
class CommitPacerTest {

    private static final long MS = 1_000_000;
    private final CommitPacer pacer = new CommitPacer(Duration.ofMillis(100));

    @Test
    void theFirstPollWithRecordsCommitsAndLaterOnesWaitForTheInterval() {
        long t = 5_000 * MS;
        assertThat(pacer.due(3, t)).isTrue();
        pacer.committed(t);

        assertThat(pacer.due(2, t + 20 * MS)).isFalse();
        assertThat(pacer.due(1, t + 99 * MS)).isFalse();
        assertThat(pacer.due(1, t + 100 * MS)).isTrue();
        pacer.committed(t + 100 * MS);
        assertThat(pacer.due(1, t + 150 * MS)).as("the interval counts from the last commit").isFalse();
    }

    @Test
    void anEmptyPollCommitsWhatWasProcessedRightAway() {
        long t = 0;
        pacer.committed(t);
        assertThat(pacer.due(4, t + 10 * MS)).isFalse();
        assertThat(pacer.due(0, t + 11 * MS)).as("the stream paused: nothing should wait for the interval").isTrue();
    }
}
