package org.secondopinion.matching.matches;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.matching.offers.OfferMetrics;
import org.secondopinion.matching.offers.OfferRepository;
import org.secondopinion.matching.offers.OfferStatus;
import org.secondopinion.matching.projection.SpecialistProjectionService;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseSubmitted;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A match from the case's side, driven by case-events: open it for a submitted case and make the first offer,
 * withdraw on cancellation, carry the patient of a claimed referral, give the specialist's load back when the work
 * is over. Every decision about one case runs under that case's match row lock; events go out through the outbox,
 * keyed by case id.
 */
@ApplicationScoped
public class MatchLifecycle {

    private static final Logger LOG = Logger.getLogger(MatchLifecycle.class);

    private final MatchRepository matches;
    private final OfferRepository offers;
    private final Matchmaker matchmaker;
    private final SpecialistProjectionService specialists;
    private final OfferMetrics metrics;
    private final Clock clock;

    public MatchLifecycle(MatchRepository matches, OfferRepository offers, Matchmaker matchmaker,
                          SpecialistProjectionService specialists, OfferMetrics metrics, Clock clock) {
        this.matches = matches;
        this.offers = offers;
        this.matchmaker = matchmaker;
        this.specialists = specialists;
        this.metrics = metrics;
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
        // the matchmaker persists the new match once it is ranked and offered (or failed): one INSERT
        matchmaker.offerToNext(match, List.of(), now);
        if (match.status == MatchStatus.OFFERED) {
            metrics.firstOffered(match, submitted.submittedAt(), now);
        }
        return true;
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
        offers.offersOf(match).stream().filter(o -> o.status == OfferStatus.PENDING).forEach(o -> o.withdraw(now));
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

    private void releaseLoad(Match match, Instant now) {
        if (match.releaseLoad(now)) {
            specialists.lock(match.assignedSpecialistId).ifPresent(s -> s.released(clock.instant()));
            LOG.infof("load of specialist %s released for case %s", match.assignedSpecialistId, match.caseId);
        }
    }
}
