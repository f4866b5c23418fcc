package org.secondopinion.platform.work;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.Instant;

/**
 * How a {@link WorkQueue} is worked through: rows claimed per pass, how long a claim holds them, how often it is
 * swept without being woken, how long to wait after the n-th failure ({@link Backoff}) and when to give up, and how
 * long a wake-up lingers before its pass so that the rows of several commits share one (0: the pass starts at once).
 * Each can be set per queue: {@code so.work.<name>.batch-size}, {@code .lease}, {@code .sweep-interval},
 * {@code .backoff-initial}, {@code .backoff-max}, {@code .max-attempts}, {@code .linger} (environment
 * {@code SO_WORK_<NAME>_...}).
 */
public record WorkPolicy(int batchSize, Duration lease, Duration sweepInterval, Backoff backoff, int maxAttempts,
                         Duration linger) {

    public static final WorkPolicy DEFAULTS = new WorkPolicy(50, Duration.ofSeconds(60), Duration.ofSeconds(5),
            new Backoff(Duration.ofSeconds(30), Duration.ofHours(1)), 8, Duration.ZERO);

    public WorkPolicy {
        if (batchSize < 1 || maxAttempts < 1 || lease.isNegative() || lease.isZero() || sweepInterval.isNegative()
                || sweepInterval.isZero() || linger.isNegative() || linger.compareTo(sweepInterval) >= 0) {
            throw new IllegalArgumentException("not a usable work policy: " + batchSize + " rows, lease " + lease
                    + ", sweep every " + sweepInterval + ", " + maxAttempts + " attempts, linger " + linger
                    + " (at least 0, shorter than the sweep interval)");
        }
    }

    /** The defaults with whatever {@code so.work.<queue>.*} sets. */
    static WorkPolicy configured(Config config, String queue, WorkPolicy defaults) {
        String prefix = "so.work." + queue + ".";
        return new WorkPolicy(
                config.getOptionalValue(prefix + "batch-size", Integer.class).orElse(defaults.batchSize()),
                config.getOptionalValue(prefix + "lease", Duration.class).orElse(defaults.lease()),
                config.getOptionalValue(prefix + "sweep-interval", Duration.class).orElse(defaults.sweepInterval()),
                new Backoff(
                        config.getOptionalValue(prefix + "backoff-initial", Duration.class)
                                .orElse(defaults.backoff().initial()),
                        config.getOptionalValue(prefix + "backoff-max", Duration.class).orElse(defaults.backoff().max())),
                config.getOptionalValue(prefix + "max-attempts", Integer.class).orElse(defaults.maxAttempts()),
                config.getOptionalValue(prefix + "linger", Duration.class).orElse(defaults.linger()));
    }

    public WorkPolicy withBatchSize(int rows) {
        return new WorkPolicy(rows, lease, sweepInterval, backoff, maxAttempts, linger);
    }

    public WorkPolicy withLease(Duration duration) {
        return new WorkPolicy(batchSize, duration, sweepInterval, backoff, maxAttempts, linger);
    }

    public WorkPolicy withSweepInterval(Duration interval) {
        return new WorkPolicy(batchSize, lease, interval, backoff, maxAttempts, linger);
    }

    public WorkPolicy withBackoff(Backoff after) {
        return new WorkPolicy(batchSize, lease, sweepInterval, after, maxAttempts, linger);
    }

    public WorkPolicy withMaxAttempts(int attempts) {
        return new WorkPolicy(batchSize, lease, sweepInterval, backoff, attempts, linger);
    }

    public WorkPolicy withLinger(Duration wait) {
        return new WorkPolicy(batchSize, lease, sweepInterval, backoff, maxAttempts, wait);
    }

    /** Whether a row that has failed {@code attempts} times is given up. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** When a row that has now failed {@code attempts} times is due again. */
    public Instant retryAt(int attempts, Instant now) {
        return now.plus(backoff.after(attempts));
    }
}
