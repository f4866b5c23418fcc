package org.secondopinion.matching.matches;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.matching.config.MatchingConfig;
import org.secondopinion.matching.projection.SpecialistProjection;
import org.secondopinion.matching.projection.SpecialistIndex;
import org.secondopinion.matching.projection.SpecialistProjectionService;
import org.secondopinion.matching.ranking.Exclusion;
import org.secondopinion.matching.ranking.RankedCandidate;
import org.secondopinion.matching.ranking.Ranker;
import org.secondopinion.matching.ranking.Ranking;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOfferDeclined;
import org.secondopinion.platform.events.catalog.MatchOfferExpired;
import org.secondopinion.platform.events.catalog.MatchOffered;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Matching use cases: open a match for a submitted case, offer it down the ranking, record answers and expiries,
 * withdraw on cancellation. Every decision about one case runs under that case's match row lock, so two accepts
 * (or an accept racing the expiry job) can never both win. Events go out through the outbox, keyed by case id.
 */
@ApplicationScoped
public class MatchService {

    private static final Logger LOG = Logger.getLogger(MatchService.class);
    static final String NO_CANDIDATE = "no eligible specialist is left";

    private final MatchRepository matches;
    private final SpecialistProjectionService specialists;
    private final Ranker ranker;
    private final MatchingConfig config;
    private final Outbox outbox;
    private final SpecialistIndex index;
    private final OfferMetrics metrics;
    private final Clock clock;

    public MatchService(MatchRepository matches, SpecialistProjectionService specialists, Ranker ranker,
                        MatchingConfig config, Outbox outbox, SpecialistIndex index, OfferMetrics metrics,
                        Clock clock) {
        this.index = index;
        this.metrics = metrics;
        this.matches = matches;
        this.specialists = specialists;
        this.ranker = ranker;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Before a batch of submissions: whether their cases have matches, asked in one query instead of one each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lookUp(List<CaseSubmitted> submitted) {
        matches.lookUpCases(submitted.stream().map(CaseSubmitted::caseId).toList());
    }

    /** @return false when the case already has a match (a re-published submission) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean open(CaseSubmitted submitted) {
        if (matches.existsForCase(submitted.caseId())) {
            LOG.infof("case %s already has a match: submission ignored", submitted.caseId());
            return false;
        }
        Instant now = clock.instant();
        Match match = Match.of(submitted, now);
        matches.opened(match);
        offerToNext(match, List.of(), now);
        if (match.status == MatchStatus.OFFERED) {
            metrics.firstOffered(match, submitted.submittedAt(), now);
        }
        return true;
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
            offerToNext(match, matches.offersOf(match), now);
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
            List<Offer> offers = matches.offersOf(match);
            offers.stream().filter(o -> o.overdue(now)).forEach(o -> {
                o.expire(now);
                metrics.expired(match);
                outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_OFFER_EXPIRED, match.caseId,
                        new MatchOfferExpired(o.id, match.caseId, match.caseReference, o.specialistId,
                                o.specialistUserId, now));
                LOG.infof("offer %s for case %s expired", o.id, match.caseId);
            });
            offerToNext(match, offers, now);
        }
        return due.size();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(CaseCancelled cancelled) {
        Optional<Match> found = matches.lockByCaseId(cancelled.caseId());
        if (found.isEmpty()) {
            return; // cancelled before it was ever submitted to matching
        }
        Match match = found.get();
        Instant now = clock.instant();
        if (match.status == MatchStatus.CANCELLED) {
            return;
        }
        matches.offersOf(match).stream().filter(o -> o.status == OfferStatus.PENDING).forEach(o -> o.withdraw(now));
        releaseLoad(match, now);
        match.cancelled(now);
        LOG.infof("match for case %s cancelled", match.caseId);
    }

    /**
     * The patient claimed a clinic-referred case: the match (and so the later match.assigned or match.failed)
     * carries their id from now on. A case claimed before it was submitted (a DRAFT referral) has no match yet;
     * its case.submitted will carry the patient id itself, so the claim is simply acknowledged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void claimed(CaseClaimed claimed) {
        if (claimed.patientId() == null) {
            LOG.warnf("case.claimed for case %s without a patient id ignored", claimed.caseId());
            return;
        }
        matches.lockByCaseId(claimed.caseId()).ifPresentOrElse(match -> {
            if (!Objects.equals(match.patientId, claimed.patientId())) {
                match.claimedBy(claimed.patientId(), clock.instant());
                LOG.infof("case %s claimed: its match now carries the patient's id", match.caseId);
            }
        }, () -> LOG.debugf("case %s claimed before it reached matching: nothing to update", claimed.caseId()));
    }

    /**
     * The assigned specialist's work on the case is over (opinion delivered or case closed): their load goes down,
     * once per case however many of these events arrive.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finished(UUID caseId) {
        matches.lockByCaseId(caseId).ifPresent(match -> releaseLoad(match, clock.instant()));
    }

    /**
     * A coordinator assigns a specialist by hand. Hard constraints hold unless {@code force}d; the reason, the
     * coordinator and any overridden constraint are recorded with the match. A pending offer is withdrawn.
     */
    @Transactional
    public MatchView assign(UUID caseId, UUID specialistId, String reason, boolean force, String coordinator) {
        Instant now = clock.instant();
        Match match = matches.lockByCaseId(caseId).orElseThrow(() -> new NotFoundProblem("match for case", caseId));
        if (match.status == MatchStatus.ASSIGNED || match.status == MatchStatus.CANCELLED) {
            throw new StateConflictProblem("case " + caseId + " is already " + match.status, match.status.name());
        }
        SpecialistProjection specialist = specialists.lock(specialistId).orElseThrow(() ->
                new InvalidFieldProblem("specialistId", "no specialist " + specialistId + " in the directory"));
        List<Offer> offers = matches.offersOf(match);
        // the holder of the pending offer is not "already tried": assigning them is what they were asked for
        Set<UUID> refused = offers.stream()
                .filter(o -> o.status == OfferStatus.DECLINED || o.status == OfferStatus.EXPIRED)
                .map(o -> o.specialistId).collect(Collectors.toSet());
        Optional<Exclusion> violated = ranker.exclusion(match.facts(), specialist.facts(), refused, day(now));
        if (violated.isPresent() && !force) {
            throw new InvalidFieldProblem("specialistId", "specialist " + specialistId + " fails the hard constraint "
                    + violated.get() + "; set force with a written reason to override it");
        }
        offers.stream().filter(o -> o.status == OfferStatus.PENDING).forEach(o -> o.withdraw(now));
        String override = violated.map(Enum::name).orElse(null);
        match.assignedByCoordinator(specialistId, coordinator, reason, override, now);
        specialist.assigned(clock.instant());
        outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_ASSIGNED, match.caseId,
                new MatchAssigned(match.caseId, match.caseReference, match.patientId, specialistId,
                        specialist.userId, now));
        LOG.infof("case %s assigned to specialist %s by coordinator %s%s", caseId, specialistId, coordinator,
                override == null ? "" : " overriding " + override);
        return new MatchView(match, offers);
    }

    /**
     * Ranks a FAILED (UNMATCHED) case again against the projection as it is now and offers it to the best
     * candidate. Who declined or let an offer expire stays excluded (a hard constraint); if nobody else is
     * eligible the match stays FAILED with the fresh explanation, and no second match.failed is sent.
     */
    @Transactional
    public MatchView rematch(UUID caseId, String coordinator) {
        Instant now = clock.instant();
        Match match = matches.lockByCaseId(caseId).orElseThrow(() -> new NotFoundProblem("match for case", caseId));
        if (match.status != MatchStatus.FAILED) {
            throw new StateConflictProblem("only a FAILED match can be rematched; case " + caseId + " is "
                    + match.status, match.status.name());
        }
        List<Offer> offers = matches.offersOf(match);
        Ranking ranking = rank(match, offers, now);
        ranking.best().ifPresentOrElse(best -> offer(match, best, now),
                () -> LOG.infof("rematch of case %s by %s found nobody eligible (excluded %s)", caseId, coordinator,
                        match.exclusions));
        matches.flush();
        return new MatchView(match, matches.offersOf(match));
    }

    /** The coordinators' queue: FAILED first, then open offers soonest to expire, then the rest, newest first. */
    @Transactional
    public List<QueueEntry> queue(MatchStatus status, int offset, int limit) {
        return matches.queue(status, offset, limit);
    }

    public long countQueue(MatchStatus status) {
        return matches.countQueue(status);
    }

    /** A match in the queue, with its open offer if any. */
    public record QueueEntry(Match match, Offer pendingOffer) {
    }

    public List<Offer> pendingOffersOf(String userId, int offset, int limit) {
        return matches.pendingOffersOf(userId, clock.instant(), offset, limit);
    }

    public long countPendingOffersOf(String userId) {
        return matches.countPendingOffersOf(userId, clock.instant());
    }

    @Transactional
    public Optional<MatchView> find(UUID caseId) {
        return matches.findByCaseId(caseId).map(m -> new MatchView(m, matches.offersOf(m)));
    }

    /** A match with its offer history, read in one transaction. */
    public record MatchView(Match match, List<Offer> offers) {
    }

    /** Re-ranks (load and availability may have changed) without everyone already asked, and offers to the best. */
    private void offerToNext(Match match, List<Offer> previousOffers, Instant now) {
        Ranking ranking = rank(match, previousOffers, now);
        Optional<RankedCandidate> best = ranking.best();
        if (best.isEmpty()) {
            match.failed(NO_CANDIDATE, now);
            outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_FAILED, match.caseId,
                    new MatchFailed(match.caseId, match.caseReference, match.patientId, NO_CANDIDATE));
            LOG.infof("match for case %s failed: %s (excluded %s)", match.caseId, NO_CANDIDATE, match.exclusions);
            return;
        }
        offer(match, best.get(), now);
    }

    private Ranking rank(Match match, List<Offer> previousOffers, Instant now) {
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

    /**
     * The day out-of-office periods are compared with: UTC, like every other "today" of the platform (credential
     * expiry too). Only today counts, not the days until the offer's deadline: a specialist whose absence starts
     * tomorrow may still be offered a case today; an offer they leave unanswered expires and moves on as any other.
     */
    private static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private void offer(Match match, RankedCandidate candidate, Instant now) {
        Offer offer = Offer.to(match, candidate.specialistId(), candidate.specialistUserId(), now,
                match.urgent() ? config.urgentOfferTtl() : config.routineOfferTtl());
        matches.persist(offer);
        match.offered(now);
        outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_OFFERED, match.caseId,
                new MatchOffered(offer.id, match.caseId, match.caseReference, offer.specialistId,
                        offer.specialistUserId, match.urgency, offer.expiresAt));
        LOG.infof("case %s offered to specialist %s until %s (offer %s)", match.caseId, offer.specialistId,
                offer.expiresAt, offer.id);
    }

    private void releaseLoad(Match match, Instant now) {
        if (match.releaseLoad(now)) {
            specialists.lock(match.assignedSpecialistId).ifPresent(s -> s.released(clock.instant()));
            LOG.infof("load of specialist %s released for case %s", match.assignedSpecialistId, match.caseId);
        }
    }

    private Match lockMatchOf(UUID offerId) {
        UUID matchId = matches.matchIdOfOffer(offerId).orElseThrow(() -> new NotFoundProblem("offer", offerId));
        return matches.lock(matchId);
    }

    /** Someone else's offer answers 404 like a missing one: its existence is not the caller's business. */
    private Offer ownOffer(UUID offerId, String userId) {
        return matches.findOffer(offerId).filter(o -> o.ownedBy(userId))
                .orElseThrow(() -> new NotFoundProblem("offer", offerId));
    }
}
