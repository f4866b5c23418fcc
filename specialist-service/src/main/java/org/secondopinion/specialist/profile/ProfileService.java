package org.secondopinion.specialist.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.specialist.availability.AvailabilityService;
import org.secondopinion.specialist.credentials.BoardCertification;
import org.secondopinion.specialist.credentials.CredentialRules;
import org.secondopinion.specialist.credentials.StateLicense;
import org.secondopinion.specialist.credentials.VerificationStatus;
import org.secondopinion.specialist.directory.DuplicateFieldProblem;
import org.secondopinion.specialist.directory.SnapshotPublisher;
import org.secondopinion.specialist.directory.Specialist;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.CreateSpecialistRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.SpecialistProfile;
import org.secondopinion.specialist.directory.SpecialistDtos.UpdateOwnProfileRequest;
import org.secondopinion.specialist.directory.SpecialistMapper;
import org.secondopinion.specialist.directory.SpecialistRepository;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * A specialist's profile: an admin adds it (with its first credentials), the specialist edits their own
 * availability and text, an admin suspends or activates the listing. Every change publishes the specialist's new
 * snapshot in the same transaction.
 */
@ApplicationScoped
public class ProfileService {

    private static final Logger LOG = Logger.getLogger(ProfileService.class);

    private final SpecialistRepository repository;
    private final SpecialistMapper mapper;
    private final SnapshotPublisher snapshots;
    private final AvailabilityService availability;

    public ProfileService(SpecialistRepository repository, SpecialistMapper mapper, SnapshotPublisher snapshots,
                          AvailabilityService availability) {
        this.availability = availability;
        this.repository = repository;
        this.mapper = mapper;
        this.snapshots = snapshots;
    }

    @Transactional
    public Optional<SpecialistProfile> findOwn(String userId) {
        return repository.findByUserId(userId).map(mapper::toProfile);
    }

    /**
     * Adds a specialist to the directory under {@code id} (random for the API, fixed for demo data).
     *
     * @throws DuplicateFieldProblem when the NPI or the account already has a profile
     */
    @Transactional
    public SpecialistProfile create(@NotNull UUID id, @NotNull @Valid CreateSpecialistRequest request) {
        return create(id, request, null);
    }

    /** @param actor who adds it (recorded as verifier of credentials created VERIFIED); null for demo data */
    @Transactional
    public SpecialistProfile create(@NotNull UUID id, @NotNull @Valid CreateSpecialistRequest request, String actor) {
        requireValidTimeZone(request.timeZone());
        requireCredentialDatesInOrder(request);
        if (repository.existsByNpi(request.npi())) {
            throw new DuplicateFieldProblem("npi", "a specialist with this NPI is already in the directory");
        }
        if (request.userId() != null && repository.existsByUserId(request.userId())) {
            throw new DuplicateFieldProblem("userId", "this account already has a specialist profile");
        }
        Instant now = snapshots.now();
        Specialist specialist = mapper.toEntity(request);
        specialist.id = id;
        specialist.snapshotVersion = 1;
        specialist.createdAt = now;
        specialist.updatedAt = now;
        for (CertificationRequest c : request.certifications()) {
            BoardCertification certification = mapper.toEntity(c);
            certification.id = Ids.newId();
            if (certification.status == VerificationStatus.VERIFIED) {
                certification.verifiedBy = actor;
                certification.verifiedAt = now;
            }
            specialist.addCertification(certification);
        }
        for (LicenseRequest l : request.licenses()) {
            StateLicense license = mapper.toEntity(l);
            license.id = Ids.newId();
            if (license.status == VerificationStatus.VERIFIED) {
                license.verifiedBy = actor;
                license.verifiedAt = now;
            }
            specialist.addLicense(license);
        }
        persistUnique(specialist);
        snapshots.created(specialist);
        LOG.infof("specialist %s added to the directory (%s)", specialist.id, specialist.primarySpecialty);
        return mapper.toProfile(specialist);
    }

    /**
     * The signed-in specialist changes their own availability and profile text. Out-of-office periods are sent as
     * the whole list and go into the snapshot (without their notes), so matching passes over a specialist who is
     * away; every change publishes a new snapshot, so its version follows every profile change.
     *
     * @param ifMatch the ETag the client last read ({@link ProfileEtag}); null skips the check
     * @throws PreconditionFailedProblem when the profile changed since that read
     */
    @Transactional
    public SpecialistProfile updateOwn(String userId, @NotNull @Valid UpdateOwnProfileRequest patch, String ifMatch) {
        Specialist specialist = repository.findByUserId(userId)
                .orElseThrow(() -> new NotFoundProblem("specialist profile of", userId));
        ProfileEtag.requireMatch(ifMatch, specialist.version);
        if (patch.outOfOffice() != null) {
            specialist.replaceOutOfOffice(mapper.toPeriods(patch.outOfOffice()));
            availability.outOfOfficeChanged(specialist); // out-of-office days block consults too
        }
        mapper.apply(patch, specialist);
        snapshots.changed(specialist);
        repository.flush(); // so the answer (and its ETag) carries the new version
        return mapper.toProfile(specialist);
    }

    /** Everything about a specialist, whatever their status: the admin's view. */
    @Transactional
    public Optional<SpecialistProfile> profile(UUID id) {
        return repository.findById(id).map(mapper::toProfile);
    }

    @Transactional
    public SpecialistProfile suspend(UUID specialistId, String admin) {
        Specialist specialist = load(specialistId);
        specialist.suspend();
        return changedProfile(specialist, admin);
    }

    @Transactional
    public SpecialistProfile activate(UUID specialistId, String admin) {
        Specialist specialist = load(specialistId);
        specialist.activate(snapshots.today());
        return changedProfile(specialist, admin);
    }

    private SpecialistProfile changedProfile(Specialist specialist, String admin) {
        snapshots.changed(specialist);
        repository.flush(); // so the answer carries the new optimistic-lock version
        LOG.infof("specialist %s is now %s (by %s)", specialist.id, specialist.status, admin);
        return mapper.toProfile(specialist);
    }

    private Specialist load(UUID id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundProblem("specialist", id));
    }

    /** The checks above miss a concurrent insert of the same NPI or account: the unique constraints catch it. */
    private void persistUnique(Specialist specialist) {
        try {
            repository.persist(specialist);
            repository.flush();
        } catch (ConstraintViolationException e) {
            String constraint = e.getConstraintName() == null ? "" : e.getConstraintName();
            if (constraint.contains("npi")) {
                throw new DuplicateFieldProblem("npi", "a specialist with this NPI is already in the directory");
            }
            if (constraint.contains("user_id")) {
                throw new DuplicateFieldProblem("userId", "this account already has a specialist profile");
            }
            throw e;
        }
    }

    private static void requireCredentialDatesInOrder(CreateSpecialistRequest request) {
        for (int i = 0; i < request.certifications().size(); i++) {
            CertificationRequest c = request.certifications().get(i);
            CredentialRules.requireExpiryNotBeforeStart("certifications[" + i + "].expiresOn", "certifiedSince",
                    c.certifiedSince(), c.expiresOn());
        }
        for (int i = 0; i < request.licenses().size(); i++) {
            LicenseRequest l = request.licenses().get(i);
            CredentialRules.requireExpiryNotBeforeStart("licenses[" + i + "].expiresOn", "issuedOn",
                    l.issuedOn(), l.expiresOn());
        }
    }

    private static void requireValidTimeZone(String timeZone) {
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidFieldProblem("timeZone", "must be an IANA time zone such as America/Los_Angeles");
        }
    }
}
