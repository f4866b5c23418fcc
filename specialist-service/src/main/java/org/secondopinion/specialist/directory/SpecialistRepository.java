package org.secondopinion.specialist.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.secondopinion.platform.tx.AdvisoryLocks;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Specialists by id, NPI or account, and the writes and locks beside them (the search is {@code SearchRepository}). */
@ApplicationScoped
public class SpecialistRepository {

    private final EntityManager em;
    private final AdvisoryLocks locks;

    public SpecialistRepository(EntityManager em, AdvisoryLocks locks) {
        this.em = em;
        this.locks = locks;
    }

    public Optional<Specialist> findById(UUID id) {
        return Optional.ofNullable(em.find(Specialist.class, id));
    }

    /** The specialist's status, without loading them (asked before a request is judged). */
    public Optional<SpecialistStatus> statusOf(UUID id) {
        return em.createQuery("select s.status from Specialist s where s.id = :id", SpecialistStatus.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    public Optional<Specialist> findByUserId(String userId) {
        return em.createQuery("from Specialist s where s.userId = :userId", Specialist.class)
                .setParameter("userId", userId).getResultStream().findFirst();
    }

    public boolean existsByNpi(String npi) {
        return !em.createQuery("select s.id from Specialist s where s.npi = :npi", UUID.class)
                .setParameter("npi", npi).getResultList().isEmpty();
    }

    public boolean existsByUserId(String userId) {
        return findByUserId(userId).isPresent();
    }

    public long count() {
        return em.createQuery("select count(s) from Specialist s", Long.class).getSingleResult();
    }

    public void persist(Specialist specialist) {
        em.persist(specialist);
    }

    public void flush() {
        em.flush();
    }

    /** Serialises concurrent callers (e.g. replicas seeding demo data) until the transaction ends. */
    public void lockForSeeding() {
        locks.holdUntilCommit(0x5EED_D1EC_7000L);
    }

    /** Lets one replica at a time run the expiry job; released when the transaction ends. False: someone else runs it. */
    public boolean tryLockForExpiry() {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, 0x5EED_E1B1_7E00L).getSingleResult();
    }

    /** Specialists holding a PENDING or VERIFIED credential that expired before {@code today}; at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<UUID> withLapsedCredentials(LocalDate today, int limit) {
        return em.createNativeQuery("SELECT specialist_id FROM board_certification"
                        + " WHERE status IN ('PENDING', 'VERIFIED') AND expires_on IS NOT NULL AND expires_on < ?1"
                        + " UNION SELECT specialist_id FROM state_license"
                        + " WHERE status IN ('PENDING', 'VERIFIED') AND expires_on IS NOT NULL AND expires_on < ?1"
                        + " LIMIT ?2", UUID.class)
                .setParameter(1, today).setParameter(2, limit).getResultList();
    }

    /** The specialists with these ids; their credentials load in batches (no query per specialist). */
    public List<Specialist> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from Specialist s where s.id in :ids", Specialist.class)
                .setParameter("ids", ids).getResultList();
    }

    /**
     * Adds one rating in a single atomic statement, without touching the optimistic-lock version, so ratings never
     * make a concurrent profile edit fail. Whether the specialist exists.
     */
    public boolean addRating(UUID specialistId, int stars) {
        return em.createNativeQuery("UPDATE specialist SET rating_count = rating_count + 1,"
                        + " rating_sum = rating_sum + ?1 WHERE id = ?2")
                .setParameter(1, stars).setParameter(2, specialistId).executeUpdate() == 1;
    }
}
