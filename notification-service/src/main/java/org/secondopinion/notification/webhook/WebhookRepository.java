package org.secondopinion.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.secondopinion.platform.tx.AdvisoryLocks;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhooks, the referral projection and webhook deliveries: the API's reads, the consumer's writes, the worker's
 * queue.
 */
@ApplicationScoped
public class WebhookRepository {

    private final EntityManager em;
    private final AdvisoryLocks locks;

    public WebhookRepository(EntityManager em, AdvisoryLocks locks) {
        this.em = em;
        this.locks = locks;
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    /** A clinic's live webhook; another clinic's, a deleted one or an unknown id are all "not there". */
    public Optional<Webhook> findLive(String clinicId, UUID id) {
        Webhook webhook = em.find(Webhook.class, id);
        return webhook == null || webhook.isDeleted() || !webhook.clinicId.equals(clinicId)
                ? Optional.empty() : Optional.of(webhook);
    }

    public Webhook find(UUID id) {
        return em.find(Webhook.class, id);
    }

    public List<Webhook> live(String clinicId, int offset, int limit) {
        return em.createQuery("FROM Webhook w WHERE w.clinicId = :clinic AND w.deletedAt IS NULL "
                        + "ORDER BY w.createdAt, w.id", Webhook.class)
                .setParameter("clinic", clinicId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** Every live webhook of a clinic (a handful: registration caps them). */
    public List<Webhook> live(String clinicId) {
        return live(clinicId, 0, Integer.MAX_VALUE);
    }

    public long countLive(String clinicId) {
        return em.createQuery("SELECT count(w) FROM Webhook w WHERE w.clinicId = :clinic AND w.deletedAt IS NULL",
                Long.class).setParameter("clinic", clinicId).getSingleResult();
    }

    /** Every webhook, deleted ones included: only the startup pass over stored secrets needs this. */
    public List<Webhook> all() {
        return em.createQuery("FROM Webhook w ORDER BY w.id", Webhook.class).getResultList();
    }

    /** Serialises the startup passes over stored secrets of replicas starting together, until commit. */
    public void lockSecretsPass() {
        locks.holdUntilCommit("webhook-secrets-pass");
    }

    /** Serialises registrations of one clinic until commit, so two at once cannot both pass the limit check. */
    public void lockClinic(String clinicId) {
        locks.holdUntilCommit("webhook-clinic:" + clinicId);
    }

    /** Gives up the open deliveries of a deleted webhook: it must not receive anything more. */
    public int abandonPending(UUID webhookId, String reason) {
        return em.createQuery("UPDATE WebhookDelivery d SET d.status = :dead, d.lastError = :reason "
                        + "WHERE d.webhookId = :webhook AND d.status = :pending")
                .setParameter("dead", WebhookDeliveryStatus.DEAD).setParameter("reason", reason)
                .setParameter("webhook", webhookId).setParameter("pending", WebhookDeliveryStatus.PENDING)
                .executeUpdate();
    }

    /**
     * Which of {@code caseIds} are clinic referrals, in one query (a multi-load binds the ids as one array, so its
     * SQL is the same for any number of them); the referrals found stay in the session, unlocked.
     */
    public Set<UUID> referralsAmong(Collection<UUID> caseIds) {
        Set<UUID> referrals = new HashSet<>();
        for (ClinicReferral referral : em.unwrap(Session.class).findMultiple(ClinicReferral.class,
                List.copyOf(caseIds))) {
            if (referral != null) {
                referrals.add(referral.caseId);
            }
        }
        return referrals;
    }

    /** The referral projection of a case, row-locked: the case and matching topics are consumed concurrently. */
    public Optional<ClinicReferral> lockReferral(UUID caseId) {
        return Optional.ofNullable(em.find(ClinicReferral.class, caseId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Inserts unless this (webhook, event) exists: a replayed event is announced once per webhook. */
    public boolean insertOnce(WebhookDelivery d) {
        return em.createNativeQuery("INSERT INTO webhook_delivery (id, webhook_id, event_id, case_id, type, body, "
                        + "status, attempts, next_attempt_at, created_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9) "
                        + "ON CONFLICT (webhook_id, event_id) DO NOTHING")
                .setParameter(1, d.id)
                .setParameter(2, d.webhookId)
                .setParameter(3, d.eventId)
                .setParameter(4, d.caseId)
                .setParameter(5, d.type)
                .setParameter(6, d.body)
                .setParameter(7, d.status().name())
                .setParameter(8, d.nextAttemptAt())
                .setParameter(9, d.createdAt)
                .executeUpdate() == 1;
    }

    /**
     * Due deliveries that are next in line, locked so that another replica's pass skips them (the caller leases
     * them before commit). "Next in line": no earlier delivery of the same referral to the same webhook is still
     * PENDING — including one leased by a pass that is sending it right now — so a referral's callbacks reach a
     * webhook in the order their events were consumed, and a later one never overtakes a retrying earlier one.
     */
    @SuppressWarnings("unchecked")
    public List<WebhookDelivery> lockDue(Instant now, int limit) {
        return em.createNativeQuery("SELECT d.* FROM webhook_delivery d WHERE d.status = 'PENDING' "
                        + "AND d.next_attempt_at <= ?1 AND NOT EXISTS (SELECT 1 FROM webhook_delivery e "
                        + "WHERE e.webhook_id = d.webhook_id AND e.case_id = d.case_id AND e.status = 'PENDING' "
                        + "AND e.seq < d.seq) ORDER BY d.seq LIMIT ?2 FOR UPDATE OF d SKIP LOCKED",
                        WebhookDelivery.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    public WebhookDelivery findDelivery(UUID id) {
        return em.find(WebhookDelivery.class, id);
    }

    public List<WebhookDelivery> deliveries(UUID webhookId, int offset, int limit) {
        return em.createQuery("FROM WebhookDelivery d WHERE d.webhookId = :webhook "
                        + "ORDER BY d.createdAt DESC, d.seq DESC", WebhookDelivery.class)
                .setParameter("webhook", webhookId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countDeliveries(UUID webhookId) {
        return em.createQuery("SELECT count(d) FROM WebhookDelivery d WHERE d.webhookId = :webhook", Long.class)
                .setParameter("webhook", webhookId).getSingleResult();
    }
}
