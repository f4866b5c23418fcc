package org.secondopinion.platform.work;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Works through one {@link WorkQueue} on a thread of its own: a pass claims a batch, performs it with no transaction
 * open, records the outcomes, and goes on while batches come back full. Passes never overlap within a process;
 * across replicas the claim's row locks and leases keep them apart.
 */
final class Worker<T> {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final WorkQueue<T> queue;
    private final WorkPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DataSource dataSource;
    private final ScheduledExecutorService timer;
    private final ExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicReference<WorkQueue.Backlog> lastBacklog = new AtomicReference<>(WorkQueue.Backlog.EMPTY);
    private volatile boolean stopped;

    Worker(WorkQueue<T> queue, WorkPolicy policy, Clock clock, MeterRegistry meters, DataSource dataSource,
           ScheduledExecutorService timer) {
        this.queue = queue;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
        this.dataSource = dataSource;
        this.timer = timer;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "work-" + queue.name());
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("work.backlog", this, w -> w.backlog().rows())
                .description("Rows waiting in a work queue (due, leased or scheduled for a retry)")
                .tag("queue", queue.name()).register(meters);
        Gauge.builder("work.oldest.age", this, w -> {
                    Instant oldest = w.lastBacklog.get().oldest();
                    return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
                })
                .description("Age in seconds of the oldest row waiting in a work queue (0 when empty)")
                .baseUnit("seconds").tag("queue", queue.name()).register(meters);
    }

    String name() {
        return queue.name();
    }

    WorkPolicy policy() {
        return policy;
    }

    /** Asks for a pass soon; cheap, callable from any thread any number of times. */
    void wake() {
        if (!stopped && pending.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    /** Finishes the pass in hand (its outcomes are recorded), starts none after it. */
    void stop(Duration grace) {
        stopped = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the backlog (for the gauges); the last known figures when the database is away. */
    WorkQueue.Backlog backlog() {
        try {
            WorkQueue.Backlog now = QuarkusTransaction.joiningExisting().call(queue::backlog);
            lastBacklog.set(now);
            return now;
        } catch (RuntimeException e) {
            return new WorkQueue.Backlog(-1, lastBacklog.get().oldest());
        }
    }

    void drain() {
        pending.set(false);
        try {
            int claimed = queue.exclusive() ? exclusively(this::passes) : passes();
            if (claimed == BUSY && !stopped) {
                // another replica's pass is running and may have missed our rows: look again shortly
                timer.schedule(this::wake, 50, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // the database is away: the rows stay due and the next wake-up or sweep tries again
            meters.counter("work.passes.failed", "queue", queue.name()).increment();
            LOG.warnf("%s pass failed, will retry: %s", queue.name(), e.toString());
        }
    }

    private static final int BUSY = -1;

    /** Passes while batches come back full. @return the size of the last batch */
    private int passes() {
        int claimed;
        do {
            claimed = pass();
        } while (!stopped && claimed == policy.batchSize());
        return claimed;
    }

    /**
     * Runs {@code passes} under the queue's advisory lock, held on a connection of its own throughout (claims,
     * I/O, records) and released by PostgreSQL itself should this process die.
     * @return {@link #BUSY} when another replica holds it
     */
    private int exclusively(java.util.function.IntSupplier passes) {
        long lockId = ("so.work." + queue.name()).hashCode();
        try (Connection lock = dataSource.getConnection()) {
            boolean mine;
            try (PreparedStatement s = lock.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, lockId);
                try (ResultSet rs = s.executeQuery()) {
                    mine = rs.next() && rs.getBoolean(1);
                }
            }
            if (!mine) {
                return BUSY;
            }
            try {
                return passes.getAsInt();
            } finally {
                try (PreparedStatement s = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    s.setLong(1, lockId);
                    s.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the " + queue.name() + " lock: " + e.getMessage(), e);
        }
    }

    /** One batch: claim, perform, record. @return how many rows were claimed */
    int pass() {
        Instant claimedAt = clock.instant();
        List<T> batch = QuarkusTransaction.requiringNew().call(() ->
                queue.claim(claimedAt, policy.batchSize(), claimedAt.plus(policy.lease())));
        if (batch.isEmpty()) {
            return 0;
        }
        Map<T, Exception> failures = queue.performAll(batch);
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = clock.instant();
            List<T> done = batch.stream().filter(item -> !failures.containsKey(item)).toList();
            if (!done.isEmpty()) {
                queue.succeededAll(done, now);
                meters.counter("work.items", "queue", queue.name(), "outcome", "done").increment(done.size());
            }
            for (T item : batch) {
                Exception failure = failures.get(item);
                if (failure != null) {
                    WorkQueue.Outcome outcome = queue.failed(item, describe(failure), now, policy);
                    if (outcome != WorkQueue.Outcome.GONE) {
                        count(outcome == WorkQueue.Outcome.RETRY ? "retry" : "given_up");
                    }
                }
            }
        });
        if (!failures.isEmpty()) {
            LOG.infof("%s: %d of %d failed this pass (retried after the backoff): %s", queue.name(), failures.size(),
                    batch.size(), failures.values().iterator().next().getClass().getSimpleName());
        }
        return batch.size();
    }

    /** The failure's class and message, short: some exception texts quote addresses back (SMTP does). */
    static String describe(Exception failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private void count(String outcome) {
        meters.counter("work.items", "queue", queue.name(), "outcome", outcome).increment();
    }
}
