package org.secondopinion.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesUseTheNearestRankOfTheSortedSamples() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.record(ms * 1_000_000L);
        }
        assertThat(latencies.percentileMillis(0.5)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(0.99)).isEqualTo(99.0);
        assertThat(latencies.maxMillis()).isEqualTo(100.0);
        assertThat(latencies.count()).isEqualTo(100);
    }

    @Test
    void noSamplesMeansNoFigureRatherThanZero() {
        assertThat(new Latencies().percentileMillis(0.99)).isNaN();
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Latencies latencies = new Latencies();
        latencies.record(3_000_000L);
        assertThat(latencies.percentileMillis(0.01)).isEqualTo(3.0);
        assertThat(latencies.percentileMillis(0.99)).isEqualTo(3.0);
    }
}
