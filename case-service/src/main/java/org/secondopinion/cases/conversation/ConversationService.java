package org.secondopinion.cases.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.cases.casefile.CaseLookup;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseInformationProvided;
import org.secondopinion.platform.events.catalog.CaseInformationRequested;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.platform.security.CurrentUser;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Information requests (specialist asks, patient answers) and the case's message thread. */
@ApplicationScoped
public class ConversationService {

    private final EntityManager em;
    private final CaseLookup lookup;
    private final AccessLog accessLog;
    private final Outbox outbox;
    private final Clock clock;

    public ConversationService(EntityManager em, CaseLookup lookup, AccessLog accessLog, Outbox outbox, Clock clock) {
        this.em = em;
        this.lookup = lookup;
        this.accessLog = accessLog;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The assigned specialist asks; the case waits in AWAITING_INFORMATION. */
    @Transactional
    public InformationRequest request(UUID caseId, String question, CurrentUser specialist) {
        PatientCase c = lookup.assignedTo(caseId, specialist);
        Instant now = clock.instant();
        c.awaitInformation(now);
        InformationRequest r = new InformationRequest();
        r.id = Ids.newId();
        r.caseId = caseId;
        r.requestedBy = specialist.id();
        r.question = question;
        r.requestedAt = now;
        em.persist(r);
        accessLog.record(caseId, specialist, "REQUEST_INFORMATION", "INFORMATION_REQUEST", r.id);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_INFORMATION_REQUESTED, caseId,
                new CaseInformationRequested(caseId, c.reference, c.patientId, r.id, now));
        return r;
    }

    /** The patient answers; when no question is left open, the review resumes. */
    @Transactional
    public InformationRequest answer(UUID caseId, UUID requestId, String text, CurrentUser patient) {
        PatientCase c = lookup.ownedBy(caseId, patient);
        InformationRequest r = em.find(InformationRequest.class, requestId);
        if (r == null || !r.caseId.equals(caseId)) {
            throw new NotFoundProblem("information request", requestId);
        }
        Instant now = clock.instant();
        r.answer(text, now);
        em.flush();
        long stillOpen = em.createQuery("SELECT count(r) FROM InformationRequest r WHERE r.caseId = :c "
                + "AND r.answeredAt IS NULL", Long.class).setParameter("c", caseId).getSingleResult();
        if (stillOpen == 0) {
            c.resumeReview(now);
        }
        accessLog.record(caseId, patient, "ANSWER_INFORMATION", "INFORMATION_REQUEST", r.id);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_INFORMATION_PROVIDED, caseId,
                new CaseInformationProvided(caseId, c.reference, c.assignedSpecialistUserId(), r.id, now));
        return r;
    }

    @Transactional
    public List<InformationRequest> requests(UUID caseId, CurrentUser user) {
        lookup.readable(caseId, user);
        accessLog.record(caseId, user, "READ", "INFORMATION_REQUEST", null);
        return em.createQuery("SELECT r FROM InformationRequest r WHERE r.caseId = :c ORDER BY r.requestedAt, r.id",
                InformationRequest.class).setParameter("c", caseId).getResultList();
    }

    /** One question of the case (the address a new one's {@code Location} names); empty if it is another case's. */
    @Transactional
    public Optional<InformationRequest> findRequest(UUID caseId, UUID requestId, CurrentUser user) {
        lookup.readable(caseId, user);
        Optional<InformationRequest> found = Optional.ofNullable(em.find(InformationRequest.class, requestId))
                .filter(r -> r.caseId.equals(caseId));
        found.ifPresent(r -> accessLog.record(caseId, user, "READ", "INFORMATION_REQUEST", r.id));
        return found;
    }

    /** Parties of the case: the patient, the assigned specialist, coordinators; not on a cancelled case. */
    @Transactional
    public CaseMessage post(UUID caseId, String body, CurrentUser author) {
        PatientCase c = lookup.readable(caseId, author);
        if (!c.status().isOpen()) {
            throw new StateConflictProblem("case " + c.reference + " is closed for messages", c.status().name());
        }
        CaseMessage m = new CaseMessage();
        m.id = Ids.newId();
        m.caseId = caseId;
        m.authorId = author.id();
        m.authorRole = author.primaryRole();
        m.body = body;
        m.createdAt = clock.instant();
        em.persist(m);
        accessLog.record(caseId, author, "POST", "MESSAGE", m.id);
        return m;
    }

    @Transactional
    public List<CaseMessage> thread(UUID caseId, CurrentUser user) {
        lookup.readable(caseId, user);
        accessLog.record(caseId, user, "READ", "MESSAGE", null);
        return em.createQuery("SELECT m FROM CaseMessage m WHERE m.caseId = :c ORDER BY m.createdAt, m.id",
                CaseMessage.class).setParameter("c", caseId).getResultList();
    }

    /** One message of the thread (the address a new one's {@code Location} names); empty if it is another case's. */
    @Transactional
    public Optional<CaseMessage> findMessage(UUID caseId, UUID messageId, CurrentUser user) {
        lookup.readable(caseId, user);
        Optional<CaseMessage> found = Optional.ofNullable(em.find(CaseMessage.class, messageId))
                .filter(m -> m.caseId.equals(caseId));
        found.ifPresent(m -> accessLog.record(caseId, user, "READ", "MESSAGE", m.id));
        return found;
    }
}
