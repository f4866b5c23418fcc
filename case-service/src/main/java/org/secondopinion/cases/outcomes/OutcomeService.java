package org.secondopinion.cases.outcomes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.cases.casefile.CaseLookup;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.opinion.Opinion;
import org.secondopinion.cases.outcomes.OutcomeDtos.OutcomeAnswer;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseOutcomeRecorded;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.platform.security.CurrentUser;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The patient's decision after the opinion (issue 17): recorded by the case's own patient once the opinion is
 * delivered, updated as often as they like (every answer kept), read back with its history.
 */
@ApplicationScoped
public class OutcomeService {

    private final EntityManager em;
    private final CaseLookup lookup;
    private final AccessLog accessLog;
    private final InsightModel insights;
    private final Outbox outbox;
    private final Clock clock;

    public OutcomeService(EntityManager em, CaseLookup lookup, AccessLog accessLog, InsightModel insights, Outbox outbox,
                          Clock clock) {
        this.em = em;
        this.lookup = lookup;
        this.accessLog = accessLog;
        this.insights = insights;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public CaseOutcome record(UUID caseId, OutcomeAnswer answer, CurrentUser patient) {
        PatientCase c = lookup.ownedBy(caseId, patient);
        if (c.status() != CaseStatus.OPINION_DELIVERED && c.status() != CaseStatus.CLOSED) {
            throw new StateConflictProblem("the outcome of case " + c.reference + " can be recorded once its opinion "
                    + "is delivered", c.status().name());
        }
        Instant now = clock.instant();
        YearMonth surgeryMonth = surgeryMonth(answer, now);
        // one answer at a time per case: the revision number is taken under the case's row lock
        em.lock(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Opinion opinion = em.find(Opinion.class, caseId);

        CaseOutcome o = new CaseOutcome();
        o.id = Ids.newId();
        o.caseId = caseId;
        o.revision = latest(caseId).map(previous -> previous.revision + 1).orElse(1);
        o.decision = answer.decision();
        o.planChanged = answer.planChanged();
        o.confidenceBefore = answer.confidenceBefore().shortValue();
        o.confidenceAfter = answer.confidenceAfter().shortValue();
        o.surgeryPerformed = answer.surgeryPerformed();
        o.surgeryMonth = surgeryMonth == null ? null : surgeryMonth.atDay(1);
        o.verdict = opinion == null ? null : opinion.verdict();
        o.agreement = Agreement.of(o.verdict, o.decision);
        o.recordedBy = patient.id();
        o.recordedAt = now;
        em.persist(o);
        insights.outcomeRecorded(o);
        accessLog.record(caseId, patient, "RECORD_OUTCOME", "OUTCOME", o.id);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_OUTCOME_RECORDED, caseId, new CaseOutcomeRecorded(caseId,
                c.reference, o.decision.name(), o.verdict == null ? null : o.verdict.name(), o.agreement.name(),
                o.planChanged, o.confidenceBefore, o.confidenceAfter, o.surgeryPerformed, o.revision, now));
        return o;
    }

    /** Every answer, newest first; the patient and coordinators. */
    @Transactional
    public List<CaseOutcome> history(UUID caseId, CurrentUser user) {
        PatientCase c = lookup.readable(caseId, user);
        accessLog.record(c.id, user, "READ", "OUTCOME", caseId);
        return em.createQuery("SELECT o FROM CaseOutcome o WHERE o.caseId = :c ORDER BY o.revision DESC",
                CaseOutcome.class).setParameter("c", caseId).getResultList();
    }

    private Optional<CaseOutcome> latest(UUID caseId) {
        return em.createQuery("SELECT o FROM CaseOutcome o WHERE o.caseId = :c ORDER BY o.revision DESC",
                CaseOutcome.class).setParameter("c", caseId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Rules across fields: a month only for a surgery that happened, and not a month still to come. */
    private static YearMonth surgeryMonth(OutcomeAnswer answer, Instant now) {
        if (answer.surgeryMonth() == null) {
            return null;
        }
        if (!Boolean.TRUE.equals(answer.surgeryPerformed())) {
            throw new InvalidFieldProblem("surgeryMonth", "is given only when surgeryPerformed is true");
        }
        YearMonth month = YearMonth.parse(answer.surgeryMonth());
        if (month.isAfter(YearMonth.from(now.atZone(ZoneOffset.UTC)))) {
            throw new InvalidFieldProblem("surgeryMonth", "must not be in the future");
        }
        return month;
    }
}
