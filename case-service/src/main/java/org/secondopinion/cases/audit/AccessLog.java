package org.secondopinion.cases.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.platform.web.RequestIdFilter;

import java.time.Clock;
import java.util.Collection;
import java.util.UUID;

/**
 * Writes who read or changed which part of a case, in the same transaction as the access itself, and reads the
 * trail back for the patient ("who looked at my case") and for admins.
 */
@ApplicationScoped
public class AccessLog {

    private final EntityManager em;
    private final Clock clock;

    public AccessLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * One entry, inserted at once with a plain INSERT: an audit row is never read back in the transaction that writes
     * it, and persist() of an identity-keyed entity would execute the insert at once anyway and read the row back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, CurrentUser user, String action, String objectType, Object objectId) {
        em.createNativeQuery("INSERT INTO access_log (case_id, actor_id, actor_role, action, object_type, object_id, "
                        + "request_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(AccessLogEntry.class) // no flush of the caller's other changes
                .setParameter(1, caseId)
                .setParameter(2, user.id())
                .setParameter(3, user.primaryRole())
                .setParameter(4, action)
                .setParameter(5, objectType)
                .setParameter(6, objectId == null ? null : objectId.toString())
                .setParameter(7, RequestIdFilter.current())
                .setParameter(8, clock.instant())
                .executeUpdate();
    }

    /**
     * The same entry for each of several cases, the case itself being the object (a page of the case list): one
     * INSERT for the lot, since identity keys keep Hibernate from batching {@link #record} calls.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEach(Collection<UUID> caseIds, CurrentUser user, String action, String objectType) {
        insertEach(caseIds, user, action, objectType, null);
    }

    /**
     * The same entry for each of several cases with one object for all (an export that includes them): one INSERT for
     * the lot.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEach(Collection<UUID> caseIds, CurrentUser user, String action, String objectType,
                           Object objectId) {
        insertEach(caseIds, user, action, objectType, objectId.toString());
    }

    /** {@code objectId} null: each case is its own object. */
    private void insertEach(Collection<UUID> caseIds, CurrentUser user, String action, String objectType,
                            String objectId) {
        if (caseIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO access_log (case_id, actor_id, actor_role, action, object_type, object_id, "
                        + "request_id, at) SELECT id, :actor, :role, :action, :type, "
                        + "CASE WHEN :perCase THEN id::text ELSE :object END, :request, :at "
                        + "FROM unnest(CAST(:ids AS uuid[])) AS id")
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(AccessLogEntry.class) // no flush of the caller's other changes
                .setParameter("ids", caseIds.toArray(UUID[]::new))
                .setParameter("actor", user.id())
                .setParameter("role", user.primaryRole())
                .setParameter("action", action)
                .setParameter("type", objectType)
                .setParameter("perCase", objectId == null)
                .setParameter("object", objectId == null ? "" : objectId)
                .setParameter("request", RequestIdFilter.current())
                .setParameter("at", clock.instant())
                .executeUpdate();
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
