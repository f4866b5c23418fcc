package org.secondopinion.matching.offers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.secondopinion.matching.matches.Match;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries on offers. */
@ApplicationScoped
public class OfferRepository {

    private final EntityManager em;

    public OfferRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Offer offer) {
        em.persist(offer);
    }

    /** Reads the offer as it is now (after a lock was taken), not as this transaction first saw it. */
    public Optional<Offer> findOffer(UUID offerId) {
        Offer offer = em.find(Offer.class, offerId);
        if (offer != null) {
            em.refresh(offer);
        }
        return Optional.ofNullable(offer);
    }

    /** Whether the offer exists and was made to that user: one query, no entity loaded (asked before a request). */
    public boolean offeredTo(UUID offerId, String specialistUserId) {
        return !em.createQuery("SELECT o.id FROM Offer o WHERE o.id = :id AND o.specialistUserId = :user", UUID.class)
                .setParameter("id", offerId).setParameter("user", specialistUserId).setMaxResults(1)
                .getResultList().isEmpty();
    }

    public Optional<UUID> matchIdOfOffer(UUID offerId) {
        return em.createQuery("SELECT o.match.id FROM Offer o WHERE o.id = :id", UUID.class)
                .setParameter("id", offerId).getResultStream().findFirst();
    }

    public List<Offer> offersOf(Match match) {
        return em.createQuery("FROM Offer WHERE match = :match ORDER BY offeredAt, id", Offer.class)
                .setParameter("match", match).getResultList();
    }

    public List<Offer> pendingOffersOf(String specialistUserId, Instant now, int offset, int limit) {
        return em.createQuery("FROM Offer o JOIN FETCH o.match WHERE o.specialistUserId = :user "
                        + "AND o.status = :pending AND o.expiresAt > :now ORDER BY o.expiresAt, o.id", Offer.class)
                .setParameter("user", specialistUserId).setParameter("pending", OfferStatus.PENDING)
                .setParameter("now", now).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countPendingOffersOf(String specialistUserId, Instant now) {
        return em.createQuery("SELECT count(o) FROM Offer o WHERE o.specialistUserId = :user "
                        + "AND o.status = :pending AND o.expiresAt > :now", Long.class)
                .setParameter("user", specialistUserId).setParameter("pending", OfferStatus.PENDING)
                .setParameter("now", now).getSingleResult();
    }
}
