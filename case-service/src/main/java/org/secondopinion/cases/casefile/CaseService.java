package org.secondopinion.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jboss.logging.Logger;
import org.secondopinion.cases.casefile.CaseDtos.CreateCaseRequest;
import org.secondopinion.cases.casefile.CaseDtos.SubmitRequest;
import org.secondopinion.cases.casefile.CaseDtos.UpdateCaseRequest;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.MatchAssigned;
import org.secondopinion.platform.events.catalog.MatchFailed;
import org.secondopinion.platform.events.catalog.MatchOffered;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.web.PageResult;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Use cases of a case's life. Every change and the event it causes commit together (outbox). */
@ApplicationScoped
public class CaseService {

    private static final Logger LOG = Logger.getLogger(CaseService.class);

    private final CaseRepository cases;
    private final CaseMapper mapper;
    private final Outbox outbox;
    private final CaseLookup lookup;
    private final AccessLog accessLog;
    private final MeterRegistry metrics;
    private final Event<SpecialistReleased> released;
    private final Clock clock;
    private final CaseOwners owners;

    public CaseService(CaseRepository cases, CaseMapper mapper, Outbox outbox, CaseLookup lookup, AccessLog accessLog,
                       MeterRegistry metrics, Event<SpecialistReleased> released, Clock clock, CaseOwners owners) {
        this.cases = cases;
        this.mapper = mapper;
        this.outbox = outbox;
        this.lookup = lookup;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.released = released;
        this.clock = clock;
        this.owners = owners;
    }

    @Transactional
    public PatientCase create(@NotNull @Valid CreateCaseRequest request, CurrentUser patient) {
        Instant now = clock.instant();
        PatientCase c = PatientCase.draft(Ids.newId(), cases.nextReference(LocalDate.now(clock).getYear()),
                patient.id(), Origin.PATIENT, now);
        mapper.apply(request, c);
        c.checkConsistency(today());
        cases.persist(c);
        owners.remember(c); // the submit that follows needs no read for its object check
        accessLog.record(c.id, patient, "CREATE", "CASE", c.id);
        // DEBUG: a draft is not yet anything to act on (many are never submitted), and at intake load this line was
        // half of case-service's logging, ~2 % of its CPU (async-profiler); the submit is logged at INFO
        LOG.debugf("case %s created as draft", c.reference);
        return c;
    }

    @Transactional
    public PatientCase update(UUID id, @NotNull @Valid UpdateCaseRequest request, Long expectedVersion, CurrentUser patient) {
        PatientCase c = ownCase(id, patient);
        checkVersion(c, expectedVersion);
        c.ensureEditable();
        mapper.apply(request, c);
        c.checkConsistency(today());
        c.touched(clock.instant());
        accessLog.record(c.id, patient, "UPDATE", "CASE", c.id);
        return c;
    }

    /** The patient submits their own draft with the consent they accepted (DESIGN §4). */
    @Transactional
    public PatientCase submitOwnCase(UUID id, @NotNull @Valid SubmitRequest request, Long expectedVersion,
                                     CurrentUser patient) {
        PatientCase c = ownCase(id, patient);
        checkVersion(c, expectedVersion);
        submitWithConsent(c, request.consent().version());
        accessLog.record(c.id, patient, "SUBMIT", "CASE", c.id);
        return c;
    }

    /**
     * DRAFT → SUBMITTED with the given consent, and {@code case.submitted} for the matcher, in the caller's
     * transaction: the patient's own submission, or a clinic referral whose consent the clinic attested.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void submitWithConsent(PatientCase c, String consentVersion) {
        c.submit(consentVersion, clock.instant(), today());
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_SUBMITTED, c.id, new CaseSubmitted(c.id, c.reference,
                c.patientId, c.specialty, c.diagnosisCode, c.procedureCode, c.urgency.name(), c.scheduledDate,
                c.patientState, c.preferredLanguage, List.copyOf(c.goals), c.surgeonNpi, c.surgeonInstitution,
                c.submittedAt()));
        metrics.counter("cases.submitted", "urgency", c.urgency.name(), "origin", c.origin.name()).increment();
        LOG.infof("case %s submitted", c.reference);
    }

    /** A draft case for a partner clinic's referral: no patient account yet (DESIGN §4, origin clinic). */
    @Transactional(Transactional.TxType.MANDATORY)
    public PatientCase createReferred(CreateCaseRequest request) {
        Instant now = clock.instant();
        PatientCase c = PatientCase.draft(Ids.newId(), cases.nextReference(LocalDate.now(clock).getYear()),
                null, Origin.CLINIC_REFERRAL, now);
        mapper.apply(request, c);
        c.checkConsistency(today());
        cases.persist(c);
        LOG.infof("case %s created from a clinic referral", c.reference);
        return c;
    }

    @Transactional
    public PatientCase cancel(UUID id, Long expectedVersion, CurrentUser patient) {
        PatientCase c = ownCase(id, patient);
        checkVersion(c, expectedVersion);
        CaseStatus previous = c.cancel(clock.instant());
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_CANCELLED, c.id,
                new CaseCancelled(c.id, c.reference, c.patientId, previous.name(), c.cancelledAt()));
        if (c.assignedSpecialistId() != null) {
            released.fire(new SpecialistReleased(c, c.assignedSpecialistId(), "the case was withdrawn"));
        }
        accessLog.record(c.id, patient, "CANCEL", "CASE", c.id);
        LOG.infof("case %s cancelled", c.reference);
        return c;
    }

    /** Reads a case the caller may see, and leaves that read in the access log. */
    @Transactional
    public Optional<PatientCase> find(UUID id, CurrentUser user) {
        Optional<PatientCase> found = cases.find(id).filter(c -> CaseAccess.canRead(c, user));
        found.ifPresent(c -> accessLog.record(c.id, user, "READ", "CASE", c.id));
        return found;
    }

    /** OPINION_DELIVERED → CLOSED at the patient's word (the auto-close job does the same later on its own). */
    @Transactional
    public PatientCase close(UUID id, Long expectedVersion, CurrentUser patient) {
        PatientCase c = ownCase(id, patient);
        checkVersion(c, expectedVersion);
        close(c, "PATIENT");
        accessLog.record(c.id, patient, "CLOSE", "CASE", c.id);
        return c;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void close(PatientCase c, String closedBy) {
        c.close(clock.instant());
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_CLOSED, c.id, new CaseClosed(c.id, c.reference,
                c.patientId, c.assignedSpecialistId(), closedBy, c.closedAt()));
        LOG.infof("case %s closed by %s", c.reference, closedBy);
    }

    /**
     * A page of the cases the caller may see. Summaries are PHI too: every case on the page gets a LIST entry in its
     * access log, the patient's own listing included (as their own reads are).
     */
    @Transactional
    public PageResult<PatientCase> list(CurrentUser user, CaseFilter filter, int page, int size) {
        PageResult<PatientCase> result;
        if (user.is(Roles.COORDINATOR)) {
            result = cases.page(null, null, filter, page, size);
        } else if (user.is(Roles.SPECIALIST)) {
            result = cases.page(null, user.id(), filter, page, size);
        } else {
            result = cases.page(user.id(), null, filter, page, size);
        }
        accessLog.recordEach(result.items().stream().map(c -> c.id).toList(), user, "LIST", "CASE");
        return result;
    }

    /**
     * {@code match.assigned}: the accepting specialist may now read the case. Naming another specialist than the one
     * the case has, it is a coordinator's reassignment: the previous specialist loses the case and what was arranged
     * with them (an upcoming consult, {@link SpecialistReleased}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onAssigned(MatchAssigned event) {
        cases.findForUpdate(event.caseId()).ifPresentOrElse(c -> {
            if (c.isAssignedTo(event.specialistUserId())) {
                return; // already applied
            }
            if (c.assignedSpecialistId() != null) {
                if (!c.canBeReassigned()) {
                    // a coordinator's reassignment crossed the opinion's delivery (or the case's end): the case has
                    // moved on, matching learns so from case.opinion-delivered / case.closed and releases the match,
                    // so the reassignment lapses here rather than going to the dead-letter topic
                    metrics.counter("cases.reassignments.lapsed").increment();
                    LOG.infof("case %s: a reassignment arrived after the case left its specialist (%s); it lapses",
                            c.reference, c.status());
                    return;
                }
                UUID previous = c.reassign(event.specialistId(), event.specialistUserId(), event.assignedAt());
                released.fire(new SpecialistReleased(c, previous,
                        "the case was reassigned to another specialist"));
                LOG.infof("case %s reassigned", c.reference);
                return;
            }
            c.assign(event.specialistId(), event.specialistUserId(), event.assignedAt());
            metrics.timer("cases.time.to.assignment", "urgency", c.urgency.name())
                    .record(Duration.between(c.submittedAt(), c.assignedAt()));
            LOG.infof("case %s assigned", c.reference);
        }, () -> LOG.warnf("match.assigned for unknown case %s ignored", event.caseId()));
    }

    /** {@code match.failed}: nobody eligible is left; a coordinator must step in. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onMatchFailed(MatchFailed event) {
        cases.findForUpdate(event.caseId()).ifPresentOrElse(c -> {
            if (c.status() == CaseStatus.UNMATCHED || c.status() == CaseStatus.CANCELLED) {
                return;
            }
            c.markUnmatched(clock.instant());
            LOG.infof("case %s unmatched", c.reference);
        }, () -> LOG.warnf("match.failed for unknown case %s ignored", event.caseId()));
    }

    /**
     * {@code match.offered}: the first offer changes nothing (the case is SUBMITTED already); an offer for an UNMATCHED
     * case comes from a coordinator's rematch, and the case is back to waiting for a specialist (DESIGN §4).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onOffered(MatchOffered event) {
        // almost every offer (a case's first, or the next one after a decline) changes nothing here: only a rematch
        // can, so the others are not even read (one statement per case); a rematch's case is read without a row
        // lock (FOR UPDATE writes the row's header: a WAL record for nothing) and locked only when it is unmatched
        if (!event.mayReopen()) {
            return;
        }
        cases.find(event.caseId()).ifPresentOrElse(c -> {
            if (c.status() == CaseStatus.UNMATCHED && cases.lockFresh(c).status() == CaseStatus.UNMATCHED) {
                c.rematched(clock.instant());
                LOG.infof("case %s is being matched again", c.reference);
            }
        }, () -> LOG.warnf("match.offered for unknown case %s ignored", event.caseId()));
    }

    private PatientCase ownCase(UUID id, CurrentUser user) {
        return lookup.ownedBy(id, user);
    }

    static void checkVersion(PatientCase c, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != c.version) {
            throw new StateConflictProblem("case " + c.reference + " is at version " + c.version + ", not "
                    + expectedVersion + ": read it again and retry", c.status().name());
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
