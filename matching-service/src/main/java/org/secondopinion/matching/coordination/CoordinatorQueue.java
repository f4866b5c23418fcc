package org.secondopinion.matching.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.secondopinion.matching.matches.Match;
import org.secondopinion.matching.matches.MatchStatus;
import org.secondopinion.matching.offers.Offer;
import org.secondopinion.matching.offers.OfferStatus;

import java.util.List;

/** The query behind the coordinators' queue of matches. */
@ApplicationScoped
public class CoordinatorQueue {

    private final EntityManager em;

    public CoordinatorQueue(EntityManager em) {
        this.em = em;
    }

    /**
     * Matches with their pending offer (if any), cases needing attention first: FAILED, then open offers by
     * deadline, then the rest by last change, newest first; the match id breaks ties so pages never overlap.
     */
    public List<CoordinatorTools.QueueEntry> queue(MatchStatus status, int offset, int limit) {
        List<Object[]> rows = em.createQuery("SELECT m, o FROM Match m LEFT JOIN Offer o ON o.match = m "
                        + "AND o.status = :pending WHERE (:status IS NULL OR m.status = :status) "
                        + "ORDER BY CASE m.status WHEN :failed THEN 0 WHEN :offered THEN 1 ELSE 2 END, "
                        + "o.expiresAt ASC NULLS LAST, m.updatedAt DESC, m.id", Object[].class)
                .setParameter("pending", OfferStatus.PENDING).setParameter("status", status)
                .setParameter("failed", MatchStatus.FAILED).setParameter("offered", MatchStatus.OFFERED)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new CoordinatorTools.QueueEntry((Match) r[0], (Offer) r[1])).toList();
    }

    /** How many matches the queue holds, counting no further than {@code limit} (the scan stops there). */
    public long countQueueUpTo(MatchStatus status, long limit) {
        return em.createQuery("SELECT 1 FROM Match m WHERE (:status IS NULL OR m.status = :status)", Integer.class)
                .setParameter("status", status).setMaxResults((int) Math.min(limit, Integer.MAX_VALUE))
                .getResultList().size();
    }
}
