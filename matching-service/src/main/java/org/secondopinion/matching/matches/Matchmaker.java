package org.secondopinion.matching.matches;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.secondopinion.matching.config.MatchingConfig;
import org.secondopinion.matching.offers.Offer;
import org.secondopinion.matching.offers.OfferRepository;
import org.secondopinion.matching.projection.SpecialistIndex;
import org.secondopinion.matching.ranking.RankedCandidate;
import org.secondopinion.matching.ranking.Ranker;
import org.secondopinion.matching.ranking.Ranking;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOffered;
import org.secondopinion.platform.outbox.Outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Moves a match down its ranking: ranks the case against the directory as it is now, without everyone already
 * asked, and offers it to the best candidate (or fails the match when nobody is left). Called with the match row
 * locked, inside the caller's transaction, by the lifecycle (a new case), the offer answers and expiry (the next
 * candidate) and the coordinators' rematch.
 */
@ApplicationScoped
public class Matchmaker {

    private static final Logger LOG = Logger.getLogger(Matchmaker.class);
    public static final String NO_CANDIDATE = "no eligible specialist is left";

    private final MatchRepository matches;
    private final OfferRepository offers;
    private final Ranker ranker;
    private final MatchingConfig config;
    private final Outbox outbox;
    private final SpecialistIndex index;

    public Matchmaker(MatchRepository matches, OfferRepository offers, Ranker ranker, MatchingConfig config,
                      Outbox outbox, SpecialistIndex index) {
        this.matches = matches;
        this.offers = offers;
        this.ranker = ranker;
        this.config = config;
        this.outbox = outbox;
        this.index = index;
    }

    /**
     * Re-ranks (load and availability may have changed) without everyone already asked, and offers to the best. A
     * new match (not yet persisted) is persisted here, in its decided state: persisted before its ranking and offer,
     * Hibernate would insert it as it was then and update it right after, in the same flush (a second statement
     * and a second row version with its index entries, for every case).
     */
    public void offerToNext(Match match, List<Offer> previousOffers, Instant now) {
        Ranking ranking = rank(match, previousOffers, now);
        Optional<RankedCandidate> best = ranking.best();
        if (best.isEmpty()) {
            match.failed(NO_CANDIDATE, now);
            matches.save(match);
            outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_FAILED, match.caseId,
                    new MatchFailed(match.caseId, match.caseReference, match.patientId, NO_CANDIDATE));
            LOG.infof("match for case %s failed: %s (excluded %s)", match.caseId, NO_CANDIDATE, match.exclusions);
            return;
        }
        offer(match, best.get(), now);
    }

    /** Ranks the case without the specialists of {@code previousOffers} and records the ranking on the match. */
    public Ranking rank(Match match, List<Offer> previousOffers, Instant now) {
        // the closed offer's UPDATE must reach the database before the new offer's INSERT (Hibernate would put
        // inserts first), or the one-pending-offer-per-case index refuses the new one; a first offer closes nothing
        if (!previousOffers.isEmpty()) {
            matches.flush();
        }
        Set<UUID> alreadyAsked = previousOffers.stream().map(o -> o.specialistId).collect(Collectors.toSet());
        Ranking ranking = ranker.rank(match.facts(), index.current(), alreadyAsked, day(now));
        match.ranked(ranking, now);
        return ranking;
    }

    /** Offers the case to {@code candidate} until the deadline its urgency allows. */
    public void offer(Match match, RankedCandidate candidate, Instant now) {
        Offer offer = Offer.to(match, candidate.specialistId(), candidate.specialistUserId(), now,
                match.urgent() ? config.urgentOfferTtl() : config.routineOfferTtl());
        boolean rematch = match.status == MatchStatus.FAILED; // only a coordinator's rematch offers a failed match
        match.offered(now);
        matches.save(match);
        offers.persist(offer);
        outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_OFFERED, match.caseId,
                new MatchOffered(offer.id, match.caseId, match.caseReference, offer.specialistId,
                        offer.specialistUserId, match.urgency, offer.expiresAt, rematch));
        LOG.infof("case %s offered to specialist %s until %s (offer %s)", match.caseId, offer.specialistId,
                offer.expiresAt, offer.id);
    }

    /**
     * The day out-of-office periods are compared with: UTC, like every other "today" of the platform (credential
     * expiry too). Only today counts, not the days until the offer's deadline: a specialist whose absence starts
     * tomorrow may still be offered a case today; an offer they leave unanswered expires and moves on as any other.
     */
    public static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
