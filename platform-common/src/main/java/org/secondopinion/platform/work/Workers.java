package org.secondopinion.platform.work;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.Config;
import org.secondopinion.platform.tx.AdvisoryLocks;
import org.secondopinion.platform.tx.AfterCommit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@link Worker} for every {@link WorkQueue} bean of the service, sweeps each at its interval (one timer
 * thread for all), wakes them on demand and stops them on shutdown, letting the pass in hand finish.
 * <p>
 * Hand-written because the work here is short-lived rows with leases and backoff in the service's own tables, woken
 * by its own commits; job schedulers (db-scheduler, Quartz) keep their own job tables and poll them.
 */
@ApplicationScoped
public class Workers {

    private final Map<String, Worker<?>> byName = new ConcurrentHashMap<>();
    private final Instance<WorkQueue<?>> queues;
    private final Config config;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final AdvisoryLocks locks;
    private final ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "work-sweeps");
        t.setDaemon(true);
        return t;
    });

    public Workers(Instance<WorkQueue<?>> queues, Config config, MeterRegistry meters, Clock clock,
                   TransactionSynchronizationRegistry transactions, AdvisoryLocks locks) {
        this.queues = queues;
        this.config = config;
        this.meters = meters;
        this.clock = clock;
        this.transactions = transactions;
        this.locks = locks;
    }

    void start(@Observes StartupEvent event) {
        queues.forEach(this::start);
        byName.values().forEach(worker -> {
            long every = worker.policy().sweepInterval().toMillis();
            // the first sweep right away: rows left behind by the previous run go out without waiting an interval
            sweeps.scheduleWithFixedDelay(worker::wake, 0, every, TimeUnit.MILLISECONDS);
        });
    }

    private <T> void start(WorkQueue<T> queue) {
        WorkPolicy policy = WorkPolicy.configured(config, queue.name(), queue.defaults());
        if (byName.putIfAbsent(queue.name(), new Worker<>(queue, policy, clock, meters, locks, sweeps)) != null) {
            throw new IllegalStateException("two work queues named " + queue.name());
        }
    }

    /** Before the queues' own shutdown (e.g. the outbox's Kafka producer): the pass in hand may still need them. */
    void stop(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) ShutdownEvent event) {
        sweeps.shutdownNow();
        byName.values().forEach(worker -> worker.stop(Duration.ofSeconds(10)));
    }

    /** The PostgreSQL advisory lock key an exclusive queue's pass holds (ops may look for it in {@code pg_locks}). */
    public static long lockKey(String name) {
        return ("so.work." + name).hashCode();
    }

    /** A pass of queue {@code name} soon (from any thread). */
    public void wake(String name) {
        Worker<?> worker = byName.get(name);
        if (worker == null) {
            throw new IllegalArgumentException("no work queue named " + name);
        }
        worker.wake();
    }

    /** A pass of queue {@code name} once the transaction in progress has committed (once per transaction). */
    public void wakeAfterCommit(String name) {
        Object key = "work-wake:" + name;
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        AfterCommit.run(transactions, () -> wake(name));
    }

    /**
     * Whether the named queue's worker neither has a pass coming (a wake-up lingering) nor one running: for tests
     * that must start from a quiet worker rather than sleep for a guessed while.
     */
    public boolean idle(String name) {
        return byName.get(name).idle();
    }

    /** The named queue's current backlog (for tests and the operations endpoints). */
    public WorkQueue.Backlog backlog(String name) {
        return byName.get(name).backlog();
    }

    /**
     * Runs one pass of the named queue on the caller's thread, for tests that must not wait for a wake-up.
     * @return how many rows it claimed, or -1 when another replica holds an exclusive queue's lock
     */
    public int passNow(String name) {
        return byName.get(name).pass();
    }
}
