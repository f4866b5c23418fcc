package org.secondopinion.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, thread-safe to record, read once the run is over. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** The q-quantile (0..1) by the nearest-rank method, in milliseconds; NaN without samples. */
    synchronized double percentileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(1.0);
    }
}
