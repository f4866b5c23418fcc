package org.secondopinion.cases.opinion;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.cases.casefile.CaseLookup;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.outcomes.InsightModel;
import org.secondopinion.cases.opinion.OpinionDtos.OpinionDraft;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseOpinionDelivered;
import org.secondopinion.platform.events.catalog.CaseRated;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Writing, delivering and reading the opinion; addenda; the patient's rating. */
@ApplicationScoped
public class OpinionService {

    private static final Logger LOG = Logger.getLogger(OpinionService.class);

    private final EntityManager em;
    private final CaseLookup lookup;
    private final AccessLog accessLog;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final InsightModel insights;
    private final Clock clock;

    public OpinionService(EntityManager em, CaseLookup lookup, AccessLog accessLog, Outbox outbox, MeterRegistry metrics,
                          InsightModel insights, Clock clock) {
        this.em = em;
        this.lookup = lookup;
        this.accessLog = accessLog;
        this.outbox = outbox;
        this.metrics = metrics;
        this.insights = insights;
        this.clock = clock;
    }

    /** The assigned specialist writes or rewrites the draft; the first draft starts the review. */
    @Transactional
    public Opinion saveDraft(UUID caseId, OpinionDraft draft, CurrentUser specialist) {
        PatientCase c = lookup.assignedTo(caseId, specialist);
        Instant now = clock.instant();
        if (c.status() == CaseStatus.ASSIGNED) {
            c.startReview(now);
        }
        Opinion o = em.find(Opinion.class, caseId);
        if (o == null) {
            if (c.status() != CaseStatus.IN_REVIEW && c.status() != CaseStatus.AWAITING_INFORMATION) {
                throw new StateConflictProblem("no opinion can be written on case " + c.reference + " now",
                        c.status().name());
            }
            o = Opinion.draft(caseId, specialist.id(), now);
            em.persist(o);
        }
        o.revise(draft.verdict(), draft.summary(),
                draft.alternatives() == null ? List.of() : draft.alternatives().stream()
                        .map(a -> new Alternative(a.type(), a.description())).toList(),
                draft.risks(), draft.recoveryComparison(), draft.questionsForSurgeon(), draft.confidence(), now);
        accessLog.record(caseId, specialist, "WRITE", "OPINION", caseId);
        return o;
    }

    @Transactional
    public Opinion submit(UUID caseId, CurrentUser specialist) {
        PatientCase c = lookup.assignedTo(caseId, specialist);
        Opinion o = em.find(Opinion.class, caseId);
        if (o == null) {
            throw new NotFoundProblem("opinion draft of case", caseId);
        }
        Instant now = clock.instant();
        o.deliver(now);
        c.deliverOpinion(now);
        insights.opinionDelivered(c, o.verdict(), now);
        accessLog.record(caseId, specialist, "SUBMIT", "OPINION", caseId);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_OPINION_DELIVERED, caseId, new CaseOpinionDelivered(caseId,
                c.reference, c.patientId, c.assignedSpecialistId(), c.assignedSpecialistUserId(), now));
        metrics.timer("cases.time.to.opinion", "urgency", c.urgency.name())
                .record(java.time.Duration.between(c.submittedAt(), now));
        LOG.infof("opinion on case %s delivered", c.reference);
        return o;
    }

    /**
     * The assigned specialist reads the draft or the delivered opinion; the patient and coordinators read it once it
     * is delivered (a draft does not exist for them).
     */
    @Transactional
    public Opinion read(UUID caseId, CurrentUser user) {
        PatientCase c = lookup.readable(caseId, user);
        Opinion o = em.find(Opinion.class, caseId);
        boolean author = user.is(Roles.SPECIALIST) && c.isAssignedTo(user.id());
        if (o == null || !o.isDelivered() && !author) {
            throw new NotFoundProblem("opinion of case", caseId);
        }
        accessLog.record(caseId, user, "READ", "OPINION", caseId);
        return o;
    }

    @Transactional
    public List<OpinionAddendum> addenda(UUID caseId) {
        return em.createQuery("SELECT a FROM OpinionAddendum a WHERE a.caseId = :c ORDER BY a.createdAt, a.id",
                OpinionAddendum.class).setParameter("c", caseId).getResultList();
    }

    @Transactional
    public OpinionAddendum addendum(UUID caseId, String body, CurrentUser specialist) {
        lookup.assignedTo(caseId, specialist);
        Opinion o = em.find(Opinion.class, caseId);
        if (o == null || !o.isDelivered()) {
            throw new StateConflictProblem("addenda follow a delivered opinion; edit the draft instead", "DRAFT");
        }
        OpinionAddendum a = new OpinionAddendum();
        a.id = Ids.newId();
        a.caseId = caseId;
        a.body = body;
        a.createdAt = clock.instant();
        em.persist(a);
        accessLog.record(caseId, specialist, "ADDENDUM", "OPINION", a.id);
        return a;
    }

    /** One addendum, readable by whoever may read the opinion ({@link #read}: 404 otherwise). */
    @Transactional
    public Optional<OpinionAddendum> findAddendum(UUID caseId, UUID addendumId, CurrentUser user) {
        read(caseId, user);
        return Optional.ofNullable(em.find(OpinionAddendum.class, addendumId)).filter(a -> a.caseId.equals(caseId));
    }

    /** The patient's own rating of their case, if they gave one. */
    @Transactional
    public Optional<CaseRating> findRating(UUID caseId, CurrentUser patient) {
        lookup.ownedBy(caseId, patient);
        return Optional.ofNullable(em.find(CaseRating.class, caseId));
    }

    /** Once, after the opinion; only stars travel on (the comment stays here). */
    @Transactional
    public CaseRating rate(UUID caseId, int stars, String comment, CurrentUser patient) {
        PatientCase c = lookup.ownedBy(caseId, patient);
        if (c.status() != CaseStatus.OPINION_DELIVERED && c.status() != CaseStatus.CLOSED) {
            throw new StateConflictProblem("case " + c.reference + " can be rated after its opinion", c.status().name());
        }
        if (em.find(CaseRating.class, caseId) != null) {
            throw new StateConflictProblem("case " + c.reference + " was already rated", c.status().name());
        }
        CaseRating r = new CaseRating();
        r.caseId = caseId;
        r.stars = stars;
        r.comment = comment;
        r.ratedAt = clock.instant();
        em.persist(r);
        accessLog.record(caseId, patient, "RATE", "OPINION", caseId);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_RATED, caseId,
                new CaseRated(caseId, c.reference, c.assignedSpecialistId(), stars, r.ratedAt));
        return r;
    }
}
