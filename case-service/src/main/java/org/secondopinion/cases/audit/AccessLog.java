package org.secondopinion.cases.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.platform.web.RequestIdFilter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes who read or changed which part of a case, in the same transaction as the access itself, and reads the
 * trail back for the patient ("who looked at my case") and for admins.
 */
@ApplicationScoped
public class AccessLog {

    private final EntityManager em;
    private final DataSource dataSource;
    private final Clock clock;

    public AccessLog(EntityManager em, DataSource dataSource, Clock clock) {
        this.em = em;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * One entry, inserted at once. Plain JDBC on the transaction's enlisted connection (the pool hands Hibernate and
     * this the same one, so the row commits or rolls back with the access it records): through a Hibernate native
     * query the insert cost twice as much CPU as the statement itself (building the query, binding through its type
     * system, the auto-flush check and the bulk-operation cleanup: 5.6 % of case-service's CPU under intake load,
     * async-profiler, docs/PERFORMANCE.md). An audit row is never read back in the transaction that writes it, no
     * entity maps onto it in a cache, and the table has no foreign key, so Hibernate need not know of it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, CurrentUser user, String action, String objectType, Object objectId) {
        execute("INSERT INTO access_log (case_id, actor_id, actor_role, action, object_type, object_id, request_id, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (connection, insert) -> {
                    insert.setObject(1, caseId);
                    insert.setString(2, user.id());
                    insert.setString(3, user.primaryRole());
                    insert.setString(4, action);
                    insert.setString(5, objectType);
                    insert.setString(6, objectId == null ? null : objectId.toString());
                    insert.setString(7, RequestIdFilter.current());
                    insert.setObject(8, now());
                });
    }

    /** The same entry for each of several cases, the case itself being the object (a page of the case list). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEach(Collection<UUID> caseIds, CurrentUser user, String action, String objectType) {
        insertEach(caseIds, user, action, objectType, null);
    }

    /** The same entry for each of several cases with one object for all (an export that includes them). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEach(Collection<UUID> caseIds, CurrentUser user, String action, String objectType,
                           Object objectId) {
        insertEach(caseIds, user, action, objectType, objectId.toString());
    }

    /** One INSERT for the lot; {@code objectId} null: each case is its own object. */
    private void insertEach(Collection<UUID> caseIds, CurrentUser user, String action, String objectType,
                            String objectId) {
        if (caseIds.isEmpty()) {
            return;
        }
        execute("INSERT INTO access_log (case_id, actor_id, actor_role, action, object_type, object_id, request_id, at)"
                + " SELECT id, ?, ?, ?, ?, CASE WHEN ? THEN id::text ELSE ? END, ?, ?"
                + " FROM unnest(?::uuid[]) AS id", (connection, insert) -> {
                    insert.setString(1, user.id());
                    insert.setString(2, user.primaryRole());
                    insert.setString(3, action);
                    insert.setString(4, objectType);
                    insert.setBoolean(5, objectId == null);
                    insert.setString(6, objectId == null ? "" : objectId);
                    insert.setString(7, RequestIdFilter.current());
                    insert.setObject(8, now());
                    insert.setArray(9, connection.createArrayOf("uuid", caseIds.toArray()));
                });
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private interface Binder {
        void bind(Connection connection, PreparedStatement insert) throws SQLException;
    }

    private void execute(String sql, Binder binder) {
        // closing the handle gives the connection back to the transaction, which keeps it until it ends
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            binder.bind(connection, insert);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the access log: " + e.getMessage(), e);
        }
    }

    @Transactional
    public PageResult<AccessLogEntry> page(UUID caseId, int page, int size) {
        var items = em.createQuery("SELECT e FROM AccessLogEntry e WHERE e.caseId = :c ORDER BY e.at DESC, e.id DESC",
                        AccessLogEntry.class).setParameter("c", caseId)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        long total = em.createQuery("SELECT count(e) FROM AccessLogEntry e WHERE e.caseId = :c", Long.class)
                .setParameter("c", caseId).getSingleResult();
        return new PageResult<>(items, page, size, total);
    }
}
