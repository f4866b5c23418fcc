package org.secondopinion.matching.offers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.matching.config.MatchingConfig;
import org.secondopinion.matching.matches.Match;
import org.secondopinion.matching.matches.MatchRepository;
import org.secondopinion.matching.matches.Matchmaker;
import org.secondopinion.matching.projection.SpecialistProjectionService;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchOfferDeclined;
import org.secondopinion.platform.events.catalog.MatchOfferExpired;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happens to an offer: the specialist accepts or declines it, or lets it run past its deadline; the case then
 * goes to them or on to the next candidate. Every answer runs under the case's match row lock, so two accepts (or
 * an accept racing the expiry job) can never both win. Events go out through the outbox, keyed by case id.
 */
@ApplicationScoped
public class OfferResponses {

    private static final Logger LOG = Logger.getLogger(OfferResponses.class);

    private final MatchRepository matches;
    private final OfferRepository offers;
    private final Matchmaker matchmaker;
    private final SpecialistProjectionService specialists;
    private final MatchingConfig config;
    private final Outbox outbox;
    private final OfferMetrics metrics;
    private final Clock clock;

    public OfferResponses(MatchRepository matches, OfferRepository offers, Matchmaker matchmaker,
                          SpecialistProjectionService specialists, MatchingConfig config, Outbox outbox,
                          OfferMetrics metrics, Clock clock) {
        this.matches = matches;
        this.offers = offers;
        this.matchmaker = matchmaker;
        this.specialists = specialists;
        this.config = config;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Transactional
    public Offer accept(UUID offerId, String userId) {
        Instant now = clock.instant();
        Match match = lockMatchOf(offerId);
        Offer offer = ownOffer(offerId, userId);
        offer.accept(now);
        if (!match.open()) {
            // defensive: an open offer on a closed match would be a bug; the rollback undoes the accept
            throw new StateConflictProblem("case " + match.caseId + " is already " + match.status,
                    match.status.name());
        }
        match.assigned(offer.specialistId, now);
        specialists.lock(offer.specialistId).ifPresent(s -> s.assigned(clock.instant()));
        outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_ASSIGNED, match.caseId,
                new MatchAssigned(match.caseId, match.caseReference, match.patientId, offer.specialistId,
                        offer.specialistUserId, now));
        LOG.infof("offer %s accepted: case %s assigned to specialist %s", offer.id, match.caseId, offer.specialistId);
        return offer;
    }

    @Transactional
    public Offer decline(UUID offerId, String userId, String reason) {
        Instant now = clock.instant();
        Match match = lockMatchOf(offerId);
        Offer offer = ownOffer(offerId, userId);
        offer.decline(reason, now);
        metrics.declined(match);
        outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_OFFER_DECLINED, match.caseId,
                new MatchOfferDeclined(offer.id, match.caseId, match.caseReference, offer.specialistId, reason));
        LOG.infof("offer %s declined for case %s", offer.id, match.caseId);
        if (match.open()) {
            matchmaker.offerToNext(match, offers.offersOf(match), now);
        }
        return offer;
    }

    /**
     * Expires overdue offers of up to one batch of matches and offers each case to its next candidate.
     *
     * @return how many matches moved on
     */
    @Transactional
    public int expireOverdueOffers() {
        Instant now = clock.instant();
        List<UUID> due = matches.lockMatchesWithOverdueOffers(now, config.expiryBatchSize());
        for (UUID matchId : due) {
            Match match = matches.lock(matchId);
            List<Offer> offersOfMatch = offers.offersOf(match);
            offersOfMatch.stream().filter(o -> o.overdue(now)).forEach(o -> {
                o.expire(now);
                metrics.expired(match);
                outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_OFFER_EXPIRED, match.caseId,
                        new MatchOfferExpired(o.id, match.caseId, match.caseReference, o.specialistId,
                                o.specialistUserId, now));
                LOG.infof("offer %s for case %s expired", o.id, match.caseId);
            });
            matchmaker.offerToNext(match, offersOfMatch, now);
        }
        return due.size();
    }

    public List<Offer> pendingOffersOf(String userId, int offset, int limit) {
        return offers.pendingOffersOf(userId, clock.instant(), offset, limit);
    }

    public long countPendingOffersOf(String userId) {
        return offers.countPendingOffersOf(userId, clock.instant());
    }

    private Match lockMatchOf(UUID offerId) {
        UUID matchId = offers.matchIdOfOffer(offerId).orElseThrow(() -> new NotFoundProblem("offer", offerId));
        return matches.lock(matchId);
    }

    /** Someone else's offer answers 404 like a missing one: its existence is not the caller's business. */
    private Offer ownOffer(UUID offerId, String userId) {
        return offers.findOffer(offerId).filter(o -> o.ownedBy(userId))
                .orElseThrow(() -> new NotFoundProblem("offer", offerId));
    }
}
