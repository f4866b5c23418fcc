package org.secondopinion.platform.tx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * PostgreSQL's transaction-level advisory locks, held until the caller's transaction ends (commit or rollback), also
 * when its connection dies. Every advisory lock of the platform goes through here.
 * <p>
 * Each key is asked for once per transaction: a transaction that holds a lock already (a consumer's batch writing
 * many feed items, say) does not ask PostgreSQL again, which would be a round trip for nothing.
 * <p>
 * Plain JDBC on the transaction's enlisted connection (the pool hands the same one to Hibernate and to this), because
 * both ways through Hibernate cost more than the lock: {@code pg_advisory_xact_lock} returns {@code void}, whose type
 * Hibernate resolved anew on every execution by building and catching an exception, and a native query with a result
 * class missed Hibernate's query plan cache on every execution, comparing against every earlier entry (each was 7–12 %
 * of notification-service's CPU in a 50 cases/s run while the feed took the lock per item; async-profiler).
 */
@ApplicationScoped
public class AdvisoryLocks {

    /** The transaction resource holding the keys this transaction has locked. */
    private static final String HELD = AdvisoryLocks.class.getName() + ".held";

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;

    public AdvisoryLocks(DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** Waits for the lock {@code key} and holds it until the transaction ends. In a transaction. */
    public void holdUntilCommit(long key) {
        if (firstAsk(key)) {
            query("SELECT pg_advisory_xact_lock(?)", statement -> statement.setLong(1, key));
            held().add(key);
        }
    }

    /** The same for a named lock (its key is PostgreSQL's {@code hashtext} of the name). In a transaction. */
    public void holdUntilCommit(String name) {
        if (firstAsk(name)) {
            query("SELECT pg_advisory_xact_lock(hashtext(?))", statement -> statement.setString(1, name));
            held().add(name);
        }
    }

    /**
     * Takes the lock {@code key} if no other transaction holds it, without waiting; held until the transaction
     * ends. In a transaction. Returns whether this transaction holds it.
     */
    public boolean tryHoldUntilCommit(long key) {
        if (!firstAsk(key)) {
            return true;
        }
        boolean taken = query("SELECT pg_try_advisory_xact_lock(?)", statement -> statement.setLong(1, key));
        if (taken) {
            held().add(key);
        }
        return taken;
    }

    private boolean firstAsk(Object key) {
        return !held().contains(key);
    }

    @SuppressWarnings("unchecked")
    private Set<Object> held() {
        Set<Object> held = (Set<Object>) transactions.getResource(HELD);
        if (held == null) {
            held = new HashSet<>();
            transactions.putResource(HELD, held);
        }
        return held;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs a lock function; true when it returned true or nothing (the waiting ones return {@code void}). */
    private boolean query(String sql, Binder binder) {
        // closing the handle gives the connection back to the transaction, which keeps it until it ends
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Object value = result.getObject(1);
                return value == null || Boolean.TRUE.equals(value);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take an advisory lock: " + e.getMessage(), e);
        }
    }
}
