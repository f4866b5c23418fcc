package org.secondopinion.cases.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.web.PageResult;
import org.secondopinion.platform.web.RequestIdFilter;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Writes who read or changed which part of a case, in the same transaction as the access itself, and reads the
 * trail back for the patient ("who looked at my case") and for admins.
 */
@ApplicationScoped
public class AccessLog {

    private final EntityManager em;

    public AccessLog(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, CurrentUser user, String action, String objectType, Object objectId) {
        AccessLogEntry entry = new AccessLogEntry();
        entry.caseId = caseId;
        entry.actorId = user.id();
        entry.actorRole = user.primaryRole();
        entry.action = action;
        entry.objectType = objectType;
        entry.objectId = objectId == null ? null : objectId.toString();
        entry.requestId = RequestIdFilter.current();
        entry.at = Instant.now();
        em.persist(entry);
    }

    /**
     * The same entry for each of several cases, the case itself being the object (a page of the case list): one
     * INSERT for the lot, since identity keys keep Hibernate from batching {@link #record} calls.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEach(Collection<UUID> caseIds, CurrentUser user, String action, String objectType) {
        if (caseIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO access_log (case_id, actor_id, actor_role, action, object_type, object_id, "
                        + "request_id, at) SELECT id, :actor, :role, :action, :type, id::text, :request, :at "
                        + "FROM unnest(CAST(:ids AS uuid[])) AS id")
                .setParameter("ids", caseIds.toArray(UUID[]::new))
                .setParameter("actor", user.id())
                .setParameter("role", user.primaryRole())
                .setParameter("action", action)
                .setParameter("type", objectType)
                .setParameter("request", RequestIdFilter.current())
                .setParameter("at", Instant.now())
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
