package org.secondopinion.cases.insights;

import java.util.Map;
import java.util.TreeMap;

/**
 * Cases counted per turnaround bucket of {@link #BUCKET_SECONDS}, and percentiles read off them. A percentile is the
 * lower edge of the bucket holding the case at {@code percentile_cont}'s rank ({@code p × (n − 1)}, counted from 0),
 * so it is exact when turnarounds are whole multiples of the bucket and otherwise at most one bucket (0.1 h, the
 * precision the figures are shown in) below the case at that rank ({@code percentile_cont} would interpolate between
 * it and the next case).
 */
final class TurnaroundHistogram {

    /** Six minutes: the figures show hours with one decimal. The planner's statistics on it: migration V8. */
    static final long BUCKET_SECONDS = 360;

    private final TreeMap<Long, Long> cases = new TreeMap<>();
    private long total;

    void add(long bucket, long count) {
        if (count <= 0) {
            return;
        }
        cases.merge(bucket, count, Long::sum);
        total += count;
    }

    /** Seconds at percentile {@code p} (0–1); NaN with no cases. */
    double percentileSeconds(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.floor(p * (total - 1));
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : cases.entrySet()) {
            seen += bucket.getValue();
            if (seen > rank) {
                return bucket.getKey() * (double) BUCKET_SECONDS;
            }
        }
        return cases.lastKey() * (double) BUCKET_SECONDS;
    }
}
