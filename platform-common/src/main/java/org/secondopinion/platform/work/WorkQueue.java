package org.secondopinion.platform.work;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one table that something must be done with outside the database: deliveries to send, webhooks to call,
 * outbox events to publish, claim invitations to mail. A CDI bean implementing this gets a {@link Worker} of its
 * own ({@link Workers}): woken right after a commit that added work ({@link Workers#wakeAfterCommit}), swept
 * periodically for retries and leftovers, its due rows claimed in a short transaction (row locks with
 * {@code FOR UPDATE SKIP LOCKED}, then a lease so no other replica takes them), the work done with no transaction
 * open, and each outcome recorded in a short transaction again: done, tried again after a backoff, or given up.
 * Batch size, lease, sweep interval, backoff and attempts come from {@code so.work.<name>.*} ({@link WorkPolicy}).
 *
 * @param <T> what one claimed row is (an entity, or a plain record)
 */
public interface WorkQueue<T> {

    /** The name in configuration ({@code so.work.<name>.*}), metrics ({@code queue} tag) and logs. */
    String name();

    /** Defaults for this queue's policy, before configuration overrides them. */
    default WorkPolicy defaults() {
        return WorkPolicy.DEFAULTS;
    }

    /**
     * Whether one pass at a time per database, across replicas (the outbox: publication order). The worker then
     * runs the whole pass (claim, perform, record) in one transaction holding a transaction-level PostgreSQL advisory
     * lock; a replica that dies releases it with its connection.
     */
    default boolean exclusive() {
        return false;
    }

    /**
     * Up to {@code limit} rows due at {@code now}, locked with {@code SKIP LOCKED} and leased until
     * {@code leaseUntil} (so that a sweep of another replica leaves them alone after this transaction commits).
     * Runs inside a transaction.
     */
    List<T> claim(Instant now, int limit, Instant leaseUntil);

    /** Does the work of one claimed row. No transaction is open. A thrown exception is a failed attempt. */
    void perform(T item) throws Exception;

    /**
     * Does the work of a whole claimed batch (override to overlap the I/O, as publishing to Kafka does).
     *
     * @return the failure of each row that failed; rows not in the map succeeded
     */
    default Map<T, Exception> performAll(List<T> items) {
        Map<T, Exception> failures = new LinkedHashMap<>();
        for (T item : items) {
            try {
                perform(item);
            } catch (Exception e) {
                failures.put(item, e);
            }
        }
        return failures;
    }

    /** Records that the row's work is done. Runs inside a transaction. */
    void succeeded(T item, Instant now);

    /** Records that the work of all these rows is done (override to do it in one statement). In a transaction. */
    default void succeededAll(List<T> items, Instant now) {
        items.forEach(item -> succeeded(item, now));
    }

    /**
     * Records a failed attempt: the row is due again at {@code policy.retryAt(...)}, or given up once
     * {@code policy.exhausted(...)}. Runs inside a transaction.
     *
     * @return what became of the row
     */
    Outcome failed(T item, String error, Instant now, WorkPolicy policy);

    /** Rows waiting (due or not, leased or not) and the creation time of the oldest; for metrics. In a transaction. */
    Backlog backlog();

    /** What a failed attempt led to. */
    enum Outcome { RETRY, GIVEN_UP, GONE }

    /** Waiting rows and the oldest one's creation time (null when none). */
    record Backlog(long rows, Instant oldest) {
        public static final Backlog EMPTY = new Backlog(0, null);

        /** From a {@code SELECT count(*), min(created_at)} row as JPA native queries return it. */
        public static Backlog of(Object[] countAndOldest) {
            Object oldest = countAndOldest[1];
            Instant at = oldest == null ? null : oldest instanceof Instant i ? i
                    : oldest instanceof java.time.OffsetDateTime o ? o.toInstant()
                    : ((java.sql.Timestamp) oldest).toInstant();
            return new Backlog(((Number) countAndOldest[0]).longValue(), at);
        }
    }
}
