package org.secondopinion.platform.tx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * PostgreSQL's transaction-level advisory locks: waited for, then held until the caller's transaction ends (commit
 * or rollback), also when its connection dies.
 * <p>
 * Plain JDBC on the transaction's enlisted connection (the pool hands the same one to Hibernate and to this), because
 * both ways through Hibernate cost more than the lock: {@code pg_advisory_xact_lock} returns {@code void}, whose type
 * Hibernate resolved anew on every execution by building and catching an exception, and a native query with a result
 * class missed Hibernate's query plan cache on every execution, comparing against every earlier entry (each was 7–12 %
 * of notification-service's CPU in a 50 cases/s run while the feed took the lock per item; async-profiler).
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for the lock {@code key} and holds it until the transaction ends. In a transaction. */
    public static void holdUntilCommit(DataSource dataSource, long key) {
        execute(dataSource, "SELECT pg_advisory_xact_lock(?)", statement -> statement.setLong(1, key));
    }

    /** The same for a named lock (its key is PostgreSQL's {@code hashtext} of the name). In a transaction. */
    public static void holdUntilCommit(DataSource dataSource, String name) {
        execute(dataSource, "SELECT pg_advisory_xact_lock(hashtext(?))", statement -> statement.setString(1, name));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static void execute(DataSource dataSource, String sql, Binder binder) {
        // closing the handle gives the connection back to the transaction, which keeps it until it ends
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not take an advisory lock: " + e.getMessage(), e);
        }
    }
}
