package org.secondopinion.cases.referral;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.cases.casefile.CaseRepository;
import org.secondopinion.cases.casefile.CaseService;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.referral.ReferralDtos.ReferralRequest;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseReferred;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.quota.Quotas;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.web.PageResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Partner clinics' referrals (DESIGN §1, §3): a referral creates a case of origin clinic; with the patient's consent
 * attested the case is submitted at once. Either way the patient gets a one-time claim code (in the answer for the
 * clinic to hand over, and by e-mail) to take the case into their own account. A clinic sees only its own referrals.
 */
@ApplicationScoped
public class ReferralService {

    /** A referral just created, with the claim code in clear: the only moment it exists outside a hash. */
    public record Created(Referral referral, PatientCase patientCase, String claimCode) {
    }

    /** A referral and its case, as a clinic reads it. */
    public record Status(Referral referral, PatientCase patientCase) {
    }

    private static final Logger LOG = Logger.getLogger(ReferralService.class);

    /** Referrals per clinic per window (JSON and FHIR alike): so.quotas.referrals.* */
    static final String REFERRALS = "referrals";

    private final EntityManager em;
    private final CaseService caseService;
    private final CaseRepository cases;
    private final ReferralMapper mapper;
    private final ClaimInvitations invitations;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final MeterRegistry metrics;
    private final Duration claimCodeValidity;
    private final Quotas quotas;
    private final Clock clock;

    public ReferralService(EntityManager em, CaseService caseService, CaseRepository cases, ReferralMapper mapper,
                           ClaimInvitations invitations, Outbox outbox, AccessLog accessLog, MeterRegistry metrics,
                           @ConfigProperty(name = "so.referrals.claim-code-validity") Duration claimCodeValidity,
                           Quotas quotas, Clock clock) {
        this.em = em;
        this.caseService = caseService;
        this.cases = cases;
        this.mapper = mapper;
        this.invitations = invitations;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.claimCodeValidity = claimCodeValidity;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Transactional
    public Created create(CurrentUser clinic, @NotNull @Valid ReferralRequest request, Referral.Channel channel) {
        String clinicId = clinicId(clinic);
        if (Boolean.TRUE.equals(request.consent().attested())
                && (request.consent().version() == null || request.consent().version().isBlank())) {
            throw new InvalidFieldProblem("consent.version", "is required when the clinic attests consent: "
                    + "name the version of the consent form the patient signed");
        }
        findByClinicReference(clinicId, request.clinicReference()).ifPresent(existing -> {
            throw new ReferralProblem(409, "Conflict", "clinic reference " + request.clinicReference()
                    + " already names referral " + existing.id, Map.of("referralId", existing.id));
        });
        // each referral creates a case and mails a patient: a clinic's runaway integration stops here
        quotas.spend(REFERRALS, clinicId);
        Instant now = clock.instant();
        PatientCase c = caseService.createReferred(mapper.toCaseRequest(request));
        Referral referral = new Referral(Ids.newId(), c.id, clinicId, request.clinicReference(), channel, now);
        referral.consentAttested = Boolean.TRUE.equals(request.consent().attested());
        referral.consentVersion = referral.consentAttested ? request.consent().version() : null;
        referral.patientGivenName = request.patient().givenName();
        referral.patientFamilyName = request.patient().familyName();
        referral.patientBirthDate = request.patient().birthDate();
        referral.patientEmail = request.patient().contact().email();
        referral.patientPhone = request.patient().contact().phone();
        String code = ClaimCodes.generate();
        referral.issueClaimCode(code, now.plus(claimCodeValidity));
        em.persist(referral);
        try {
            em.flush(); // a concurrent referral with the same clinic reference fails here, not at commit
        } catch (jakarta.persistence.PersistenceException e) {
            throw new ReferralProblem(409, "Conflict", "clinic reference " + request.clinicReference()
                    + " was just used by another referral of yours");
        }

        // referred first: consumers learn whose case it is before anything else happens to it
        String initialStatus = referral.consentAttested ? "SUBMITTED" : "DRAFT";
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_REFERRED, c.id, new CaseReferred(c.id, c.reference,
                referral.id, clinicId, referral.clinicReference, referral.consentAttested, initialStatus, now));
        if (referral.consentAttested) {
            caseService.submitWithConsent(c, referral.consentVersion);
        }
        invitations.schedule(referral, c.reference, code);
        accessLog.record(c.id, clinic, "REFER", "REFERRAL", referral.id);
        metrics.counter("referrals.received", "channel", channel.name(),
                "consent", String.valueOf(referral.consentAttested)).increment();
        LOG.infof("referral %s from clinic %s created case %s (%s)", referral.id, clinicId, c.reference, c.status());
        return new Created(referral, c, code);
    }

    /** One of the clinic's own referrals; another clinic's is reported as not found. */
    @Transactional
    public Status find(UUID id, CurrentUser clinic) {
        String clinicId = clinicId(clinic);
        Referral referral = em.find(Referral.class, id);
        if (referral == null || !referral.clinicId.equals(clinicId)) {
            throw new NotFoundProblem("referral", id);
        }
        return new Status(referral, cases.find(referral.caseId).orElseThrow());
    }

    @Transactional
    public PageResult<Status> list(CurrentUser clinic, int page, int size) {
        String clinicId = clinicId(clinic);
        long total = em.createQuery("SELECT count(r) FROM Referral r WHERE r.clinicId = :clinic", Long.class)
                .setParameter("clinic", clinicId).getSingleResult();
        List<Object[]> rows = em.createQuery("SELECT r, c FROM Referral r, PatientCase c WHERE c.id = r.caseId "
                        + "AND r.clinicId = :clinic ORDER BY r.createdAt DESC, r.id", Object[].class)
                .setParameter("clinic", clinicId)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        List<Status> items = rows.stream().map(row -> new Status((Referral) row[0], (PatientCase) row[1])).toList();
        return new PageResult<>(items, page, size, total);
    }

    /** A new claim code for a referral the patient has not claimed yet (the old one stops working). */
    @Transactional
    public Created reissueClaimCode(UUID id, CurrentUser clinic) {
        Status status = find(id, clinic);
        Referral referral = em.find(Referral.class, status.referral().id, LockModeType.PESSIMISTIC_WRITE);
        String code = ClaimCodes.generate();
        referral.issueClaimCode(code, clock.instant().plus(claimCodeValidity));
        invitations.schedule(referral, status.patientCase().reference, code);
        accessLog.record(referral.caseId, clinic, "REISSUE_CLAIM_CODE", "REFERRAL", referral.id);
        return new Created(referral, status.patientCase(), code);
    }

    /**
     * The patient redeems a claim code: the case joins their account (they then complete consent and submit, unless
     * the clinic attested consent and it is already on its way). Unknown or used: 404; expired: 410.
     */
    @Transactional
    public PatientCase claim(String code, CurrentUser patient) {
        Referral referral = em.createQuery("SELECT r FROM Referral r WHERE r.claimCodeHash = :hash", Referral.class)
                .setParameter("hash", ClaimCodes.hash(code))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst()
                .orElseThrow(() -> new ReferralProblem(404, "Not Found", "no open case for this claim code"));
        Instant now = clock.instant();
        referral.claim(patient.id(), now);
        PatientCase c = cases.findForUpdate(referral.caseId).orElseThrow();
        c.claimFor(patient.id(), now);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_CLAIMED, c.id, new CaseClaimed(c.id, c.reference,
                referral.id, referral.clinicId, patient.id(), c.status().name(), now));
        accessLog.record(c.id, patient, "CLAIM", "CASE", c.id);
        LOG.infof("case %s claimed by its patient", c.reference);
        return c;
    }

    public ReferralDtos.ReferralView view(Status status) {
        return mapper.toView(status.referral(), status.patientCase(), null);
    }

    public ReferralDtos.ReferralView view(Created created) {
        return mapper.toView(created.referral(), created.patientCase(), created.claimCode());
    }

    private java.util.Optional<Referral> findByClinicReference(String clinicId, String clinicReference) {
        return em.createQuery("SELECT r FROM Referral r WHERE r.clinicId = :clinic AND r.clinicReference = :ref",
                        Referral.class)
                .setParameter("clinic", clinicId).setParameter("ref", clinicReference)
                .getResultStream().findFirst();
    }

    /** The {@code clinic_id} claim is what ties a token to a clinic; a clinic token without one may do nothing. */
    static String clinicId(CurrentUser clinic) {
        return clinic.clinicId().filter(id -> !id.isBlank()).orElseThrow(() -> new ReferralProblem(403, "Forbidden",
                "this token has no clinic_id claim: ask us to set up your client as a partner clinic"));
    }
}
