package org.secondopinion.platform.work;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.secondopinion.platform.tx.AdvisoryLocks;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Works through one {@link WorkQueue} on a thread of its own: a pass claims a batch, performs it, records the
 * outcomes, and goes on while batches come back full. Passes never overlap within a process; across replicas the
 * claim's row locks and leases keep them apart, or, for an exclusive queue, an advisory lock.
 */
final class Worker<T> {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final WorkQueue<T> queue;
    private final WorkPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AdvisoryLocks locks;
    private final ScheduledExecutorService timer;
    private final ExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<WorkQueue.Backlog> lastBacklog = new AtomicReference<>(WorkQueue.Backlog.EMPTY);
    private volatile boolean stopped;

    Worker(WorkQueue<T> queue, WorkPolicy policy, Clock clock, MeterRegistry meters, AdvisoryLocks locks,
           ScheduledExecutorService timer) {
        this.queue = queue;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
        this.locks = locks;
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

    /**
     * Asks for a pass soon (after the policy's linger: wake-ups meanwhile join that pass); cheap, callable from any
     * thread any number of times.
     */
    void wake() {
        if (!stopped && pending.compareAndSet(false, true)) {
            long linger = policy.linger().toNanos();
            try {
                if (linger == 0) {
                    thread.execute(this::drain);
                } else {
                    timer.schedule(() -> thread.execute(this::drain), linger, TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                // shutting down: the rows stay due for the next start's first sweep
            }
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

    /** No pass asked for (lingering) or running. */
    boolean idle() {
        return !pending.get() && !running.get();
    }

    void drain() {
        running.set(true); // before pending is cleared, so that idle() never sees neither
        pending.set(false);
        try {
            int claimed = passes();
            if (claimed == BUSY && !stopped) {
                // another replica's pass is running and may have missed our rows: look again shortly
                timer.schedule(this::wake, 50, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // the database is away: the rows stay due and the next wake-up or sweep tries again
            meters.counter("work.passes.failed", "queue", queue.name()).increment();
            LOG.warnf("%s pass failed, will retry: %s", queue.name(), e.toString());
        } finally {
            running.set(false);
        }
    }

    static final int BUSY = -1;

    /** Passes while batches come back full. @return the size of the last batch, or {@link #BUSY} */
    private int passes() {
        int claimed;
        do {
            claimed = pass();
        } while (!stopped && claimed == policy.batchSize());
        return claimed;
    }

    /**
     * One batch: claim, perform, record. A shared queue claims and records in two short transactions with no
     * transaction open while it performs. An exclusive queue does the whole pass in ONE transaction that holds the
     * queue's transaction-level advisory lock, which PostgreSQL releases at its end or with a dead replica's
     * connection: four round trips instead of six (a session lock on a connection of its own cost a lock and an
     * unlock statement, and a second commit), and each round trip is a wake-up on a busy two-core machine. Its rows
     * are not locked (the advisory lock keeps other passes out), so nothing waits on the transaction while it
     * publishes, and a publication is bounded by the queue's own timeouts, well inside the transaction timeout.
     *
     * @return how many rows were claimed, or {@link #BUSY} when another replica holds an exclusive queue's lock
     */
    int pass() {
        if (queue.exclusive()) {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!lockedForThisTransaction()) {
                    return BUSY;
                }
                List<T> batch = claim();
                if (!batch.isEmpty()) {
                    record(batch, queue.performAll(batch));
                }
                return batch.size();
            });
        }
        List<T> batch = QuarkusTransaction.requiringNew().call(this::claim);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<T, Exception> failures = queue.performAll(batch);
        QuarkusTransaction.requiringNew().run(() -> record(batch, failures));
        return batch.size();
    }

    private boolean lockedForThisTransaction() {
        return locks.tryHoldUntilCommit(Workers.lockKey(queue.name()));
    }

    private List<T> claim() {
        Instant claimedAt = clock.instant();
        return queue.claim(claimedAt, policy.batchSize(), claimedAt.plus(policy.lease()));
    }

    /** The outcomes of a performed batch, inside the caller's transaction. */
    private void record(List<T> batch, Map<T, Exception> failures) {
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
        if (!failures.isEmpty()) {
            LOG.infof("%s: %d of %d failed this pass (retried after the backoff): %s", queue.name(), failures.size(),
                    batch.size(), failures.values().iterator().next().getClass().getSimpleName());
        }
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
