package org.secondopinion.cases.insights;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TurnaroundHistogramTest {

    @Test
    void percentilesReadOffTheBucketsAreAtMostOneBucketBelowTheCaseAtTheirRank() {
        Random random = new Random(17);
        for (int round = 0; round < 50; round++) {
            int n = 11 + random.nextInt(5_000);
            long[] seconds = new long[n];
            TurnaroundHistogram histogram = new TurnaroundHistogram();
            for (int i = 0; i < n; i++) {
                seconds[i] = 3_600 + (long) (random.nextDouble() * random.nextDouble() * 20 * 86_400);
                histogram.add(seconds[i] / TurnaroundHistogram.BUCKET_SECONDS, 1);
            }
            Arrays.sort(seconds);
            for (double p : new double[] {0.5, 0.9}) {
                // PostgreSQL's percentile_cont: linear between the values at ranks floor and ceil of p × (n − 1)
                double rank = p * (n - 1);
                double exact = seconds[(int) Math.floor(rank)]
                        + (rank - Math.floor(rank)) * (seconds[(int) Math.ceil(rank)] - seconds[(int) Math.floor(rank)]);
                long atRank = seconds[(int) Math.floor(rank)];
                assertThat(histogram.percentileSeconds(p)).as("p%.0f of %d cases", p * 100, n)
                        .isLessThanOrEqualTo(exact)
                        .isGreaterThan(atRank - TurnaroundHistogram.BUCKET_SECONDS);
            }
        }
    }

    @Test
    void turnaroundsInWholeBucketsGiveTheExactPercentiles() {
        TurnaroundHistogram histogram = new TurnaroundHistogram();
        histogram.add(48 * 10, 30);   // 48.0 h
        histogram.add(20 * 10, 60);   // 20.0 h
        histogram.add(100 * 10, 10);  // 100.0 h

        assertThat(histogram.percentileSeconds(0.5) / 3600).isCloseTo(20.0, within(1e-9));
        assertThat(histogram.percentileSeconds(0.9) / 3600).isCloseTo(48.0, within(1e-9));
        assertThat(histogram.percentileSeconds(0.95) / 3600).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void noCasesNoPercentile() {
        TurnaroundHistogram histogram = new TurnaroundHistogram();
        histogram.add(10, 0);
        assertThat(histogram.percentileSeconds(0.5)).isNaN();
    }
}
