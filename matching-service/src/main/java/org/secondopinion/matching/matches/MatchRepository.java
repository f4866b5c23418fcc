package org.secondopinion.matching.matches;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.secondopinion.platform.tx.BatchExistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries on matches; the match row lock that serialises every decision about one case. */
@ApplicationScoped
public class MatchRepository {

    private final EntityManager em;
    /** Which cases of a consumed batch have a match, asked once for the batch ({@link #lookUpCases}). */
    private final BatchExistence<UUID> withMatch;

    public MatchRepository(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.withMatch = new BatchExistence<>(transactions);
    }

    public void flush() {
        em.flush();
    }

    public Optional<Match> findByCaseId(UUID caseId) {
        return em.createQuery("FROM Match WHERE caseId = :caseId", Match.class)
                .setParameter("caseId", caseId).getResultStream().findFirst();
    }

    /** Whether the case has a match: one query, outside any transaction too (asked before a request is judged). */
    public boolean matchExists(UUID caseId) {
        return !em.createQuery("SELECT m.id FROM Match m WHERE m.caseId = :caseId", UUID.class)
                .setParameter("caseId", caseId).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Whether the case has a match. Inside a transaction that {@link #lookUpCases looked up} its cases beforehand
     * (the event consumer's batch), from that answer plus the matches this transaction opened, without a query;
     * otherwise one query, which does not flush first: a flush before each case of a batch cost a round trip per
     * pending row. A match this transaction persisted but did not flush is still seen ({@link #save} adds it to
     * the answers); should one be missed, the unique case_id refuses the second at commit and the consumer handles
     * that batch's events one by one.
     */
    public boolean existsForCase(UUID caseId) {
        return withMatch.exists(caseId, id -> !em.createQuery("SELECT m.id FROM Match m WHERE m.caseId = :caseId",
                        UUID.class).setParameter("caseId", id).setFlushMode(FlushModeType.COMMIT).setMaxResults(1)
                .getResultList().isEmpty());
    }

    /** Which of {@code caseIds} have a match, in one query, remembered for the rest of the transaction. */
    public void lookUpCases(Collection<UUID> caseIds) {
        withMatch.record(caseIds, em.createQuery("SELECT m.caseId FROM Match m WHERE m.caseId IN :caseIds", UUID.class)
                .setParameter("caseIds", caseIds).setFlushMode(FlushModeType.COMMIT).getResultList());
    }

    /**
     * Persists a new match (one already persisted is left to dirty checking); {@link #existsForCase} says it
     * exists from now on.
     */
    public void save(Match match) {
        if (em.contains(match)) {
            return;
        }
        em.persist(match);
        withMatch.add(match.caseId);
    }

    /** The match row lock serialises every decision about one case: accept, decline, expiry, cancel. */
    public Optional<Match> lockByCaseId(UUID caseId) {
        return em.createQuery("FROM Match WHERE caseId = :caseId", Match.class)
                .setParameter("caseId", caseId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    public Match lock(UUID matchId) {
        return em.find(Match.class, matchId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Locks matches whose pending offer is past its deadline. SKIP LOCKED lets several replicas sweep at once,
     * each taking different matches, and never waits on a specialist who is answering right now.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> lockMatchesWithOverdueOffers(Instant now, int limit) {
        // no result class: Hibernate 7.2 cannot match a native query with a basic result class against its query plan
        // cache (the builder has no equals), so each execution would add an entry and push useful plans out
        return (List<UUID>) em.createNativeQuery("SELECT m.id FROM match_request m WHERE m.status = 'OFFERED' "
                        + "AND EXISTS (SELECT 1 FROM offer o WHERE o.match_id = m.id AND o.status = 'PENDING' "
                        + "AND o.expires_at <= ?1) ORDER BY m.id LIMIT ?2 FOR UPDATE OF m SKIP LOCKED")
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }
}
