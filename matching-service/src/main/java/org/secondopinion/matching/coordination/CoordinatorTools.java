package org.secondopinion.matching.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.matching.matches.Match;
import org.secondopinion.matching.matches.MatchRepository;
import org.secondopinion.matching.matches.MatchStatus;
import org.secondopinion.matching.matches.Matchmaker;
import org.secondopinion.matching.offers.Offer;
import org.secondopinion.matching.offers.OfferRepository;
import org.secondopinion.matching.offers.OfferStatus;
import org.secondopinion.matching.projection.SpecialistProjection;
import org.secondopinion.matching.projection.SpecialistProjectionService;
import org.secondopinion.matching.ranking.Exclusion;
import org.secondopinion.matching.ranking.Ranker;
import org.secondopinion.matching.ranking.Ranking;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a coordinator does with matches: read the queue and a match's details, assign a specialist by hand, hand an
 * assigned case to another specialist, rank a failed case again. Writes run under the case's match row lock, like
 * every other decision about the case.
 */
@ApplicationScoped
public class CoordinatorTools {

    private static final Logger LOG = Logger.getLogger(CoordinatorTools.class);

    private final MatchRepository matches;
    private final OfferRepository offers;
    private final CoordinatorQueue queue;
    private final Matchmaker matchmaker;
    private final SpecialistProjectionService specialists;
    private final Ranker ranker;
    private final Outbox outbox;
    private final Clock clock;

    public CoordinatorTools(MatchRepository matches, OfferRepository offers, CoordinatorQueue queue,
                            Matchmaker matchmaker, SpecialistProjectionService specialists, Ranker ranker,
                            Outbox outbox, Clock clock) {
        this.matches = matches;
        this.offers = offers;
        this.queue = queue;
        this.matchmaker = matchmaker;
        this.specialists = specialists;
        this.ranker = ranker;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A coordinator assigns a specialist by hand. Hard constraints hold unless {@code force}d; the reason, the
     * coordinator and any overridden constraint are recorded with the match. A pending offer is withdrawn. A case
     * already ASSIGNED is refused (409), so an assignment racing an accept never overrides it: taking a case from
     * its specialist is {@link #reassign}.
     */
    @Transactional
    public MatchView assign(UUID caseId, UUID specialistId, String reason, boolean force, String coordinator) {
        Match match = matches.lockByCaseId(caseId).orElseThrow(() -> new NotFoundProblem("match for case", caseId));
        if (match.status == MatchStatus.ASSIGNED || match.status == MatchStatus.CANCELLED) {
            throw new StateConflictProblem("case " + caseId + " is already " + match.status, match.status.name());
        }
        return handOver(match, null, specialistId, reason, force, coordinator);
    }

    /**
     * A coordinator hands an ASSIGNED case to another specialist (the assigned one withdraws), until the work is over
     * (opinion delivered, case closed: the load released). The same rules and record as {@link #assign}; the load
     * moves with the case, and case-service, hearing a {@code match.assigned} that names someone else, takes the case
     * and its upcoming consult from the previous specialist.
     */
    @Transactional
    public MatchView reassign(UUID caseId, UUID specialistId, String reason, boolean force, String coordinator) {
        Match match = matches.lockByCaseId(caseId).orElseThrow(() -> new NotFoundProblem("match for case", caseId));
        if (match.status != MatchStatus.ASSIGNED) {
            throw new StateConflictProblem("only an ASSIGNED case can be reassigned; case " + caseId + " is "
                    + match.status, match.status.name());
        }
        if (match.loadReleasedAt != null) {
            throw new StateConflictProblem("the work on case " + caseId + " is over (opinion delivered or case "
                    + "closed): it can no longer be reassigned", match.status.name());
        }
        if (specialistId.equals(match.assignedSpecialistId)) {
            throw new StateConflictProblem("case " + caseId + " is already assigned to specialist " + specialistId,
                    match.status.name());
        }
        return handOver(match, match.assignedSpecialistId, specialistId, reason, force, coordinator);
    }

    /** Assigns the locked match to the specialist, giving the previous one's load back (if any). */
    private MatchView handOver(Match match, UUID previous, UUID specialistId, String reason, boolean force,
                               String coordinator) {
        Instant now = clock.instant();
        // both specialists' rows in one order (by id), so that two reassignments crossing over cannot deadlock
        Optional<SpecialistProjection> released = previous != null && previous.compareTo(specialistId) < 0
                ? specialists.lock(previous) : Optional.empty();
        SpecialistProjection specialist = specialists.lock(specialistId).orElseThrow(() ->
                new InvalidFieldProblem("specialistId", "no specialist " + specialistId + " in the directory"));
        if (previous != null && previous.compareTo(specialistId) > 0) {
            released = specialists.lock(previous);
        }
        List<Offer> offersOfMatch = offers.offersOf(match);
        // the holder of the pending offer is not "already tried": assigning them is what they were asked for
        Set<UUID> refused = offersOfMatch.stream()
                .filter(o -> o.status == OfferStatus.DECLINED || o.status == OfferStatus.EXPIRED)
                .map(o -> o.specialistId).collect(Collectors.toSet());
        Optional<Exclusion> violated = ranker.exclusion(match.facts(), specialist.facts(), refused,
                Matchmaker.day(now));
        if (violated.isPresent() && !force) {
            throw new InvalidFieldProblem("specialistId", "specialist " + specialistId + " fails the hard constraint "
                    + violated.get() + "; set force with a written reason to override it");
        }
        offersOfMatch.stream().filter(o -> o.status == OfferStatus.PENDING).forEach(o -> o.withdraw(now));
        String override = violated.map(Enum::name).orElse(null);
        match.assignedByCoordinator(specialistId, coordinator, reason, override, now);
        released.ifPresent(s -> s.released(now));
        specialist.assigned(now);
        outbox.publish(Topics.MATCHING_EVENTS, EventTypes.MATCH_ASSIGNED, match.caseId,
                new MatchAssigned(match.caseId, match.caseReference, match.patientId, specialistId,
                        specialist.userId, now));
        LOG.infof("case %s %s specialist %s by coordinator %s%s", match.caseId,
                previous == null ? "assigned to" : "reassigned from specialist " + previous + " to", specialistId,
                coordinator, override == null ? "" : " overriding " + override);
        return new MatchView(match, offersOfMatch);
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
        List<Offer> offersOfMatch = offers.offersOf(match);
        Ranking ranking = matchmaker.rank(match, offersOfMatch, now);
        ranking.best().ifPresentOrElse(best -> matchmaker.offer(match, best, now),
                () -> LOG.infof("rematch of case %s by %s found nobody eligible (excluded %s)", caseId, coordinator,
                        match.exclusions));
        matches.flush();
        return new MatchView(match, offers.offersOf(match));
    }

    /** The coordinators' queue: FAILED first, then open offers soonest to expire, then the rest, newest first. */
    @Transactional
    public List<QueueEntry> queue(MatchStatus status, int offset, int limit) {
        return queue.queue(status, offset, limit);
    }

    public long countQueueUpTo(MatchStatus status, long limit) {
        return queue.countQueueUpTo(status, limit);
    }

    /** A match in the queue, with its open offer if any. */
    public record QueueEntry(Match match, Offer pendingOffer) {
    }

    @Transactional
    public Optional<MatchView> find(UUID caseId) {
        return matches.findByCaseId(caseId).map(m -> new MatchView(m, offers.offersOf(m)));
    }

    /** A match with its offer history, read in one transaction. */
    public record MatchView(Match match, List<Offer> offers) {
    }
}
