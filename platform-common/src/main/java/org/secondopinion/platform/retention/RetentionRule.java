package org.secondopinion.platform.retention;

import java.time.Duration;

/**
 * Rows of one table that may go once they are older than an age: sent outbox rows, inbox rows, expired
 * idempotency keys, finished deliveries. A CDI bean implementing this is applied by {@link Retention}: hourly, in
 * batches of {@code so.retention.batch-size} rows (short transactions, no long table locks), the age configurable as
 * {@code so.retention.<name>.age} (environment {@code SO_RETENTION_<NAME>_AGE}).
 */
public interface RetentionRule {

    /** The name in configuration and logs, e.g. {@code outbox}. */
    String name();

    String table();

    /**
     * The SQL condition on {@code table} that a row past its age meets, with one parameter {@code ?1}: the cut-off
     * instant. E.g. {@code sent_at < ?1}. Should be served by an index.
     */
    String expiredWhen();

    Duration defaultAge();
}
