package org.secondopinion.specialist.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.specialist.directory.DuplicateFieldProblem;
import org.secondopinion.specialist.directory.SnapshotPublisher;
import org.secondopinion.specialist.directory.Specialist;
import org.secondopinion.specialist.directory.SpecialistDtos.AddCertificationRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.AddLicenseRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationDetail;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseView;
import org.secondopinion.specialist.directory.SpecialistMapper;
import org.secondopinion.specialist.directory.SpecialistRepository;

import java.util.UUID;

/**
 * Admin use cases (DESIGN §3) on a specialist's board certifications and state licences: add them, verify them
 * with the issuing board, revoke them. Every change raises the snapshot version and publishes the new snapshot in
 * the same transaction.
 */
@ApplicationScoped
public class CredentialService {

    private static final Logger LOG = Logger.getLogger(CredentialService.class);

    private final SpecialistRepository repository;
    private final SpecialistMapper mapper;
    private final SnapshotPublisher snapshots;

    public CredentialService(SpecialistRepository repository, SpecialistMapper mapper, SnapshotPublisher snapshots) {
        this.repository = repository;
        this.mapper = mapper;
        this.snapshots = snapshots;
    }

    @Transactional
    public CertificationDetail addCertification(UUID specialistId, @NotNull @Valid AddCertificationRequest request) {
        CredentialRules.requireExpiryNotBeforeStart("expiresOn", "certifiedSince", request.certifiedSince(),
                request.expiresOn());
        Specialist specialist = load(specialistId);
        BoardCertification certification = mapper.toEntity(request);
        certification.id = Ids.newId();
        specialist.addCertification(certification);
        snapshots.changed(specialist);
        LOG.infof("certification %s added to specialist %s", certification.id, specialistId);
        return mapper.toDetail(certification);
    }

    /** @throws DuplicateFieldProblem (409, field {@code state}) when the specialist has a licence there already */
    @Transactional
    public LicenseView addLicense(UUID specialistId, @NotNull @Valid AddLicenseRequest request) {
        CredentialRules.requireExpiryNotBeforeStart("expiresOn", "issuedOn", request.issuedOn(), request.expiresOn());
        Specialist specialist = load(specialistId);
        if (specialist.hasLicenseIn(request.state())) {
            throw duplicateLicence(request.state());
        }
        StateLicense license = mapper.toEntity(request);
        license.id = Ids.newId();
        specialist.addLicense(license);
        snapshots.changed(specialist);
        try {
            repository.flush(); // a concurrent insert for the same state is caught by the unique constraint
        } catch (ConstraintViolationException e) {
            throw duplicateLicence(request.state());
        }
        LOG.infof("licence %s (%s) added to specialist %s", license.id, license.state, specialistId);
        return mapper.toView(license);
    }

    @Transactional
    public CertificationDetail verifyCertification(UUID specialistId, UUID certificationId, String admin) {
        Specialist specialist = load(specialistId);
        BoardCertification certification = specialist.certification(certificationId)
                .orElseThrow(() -> new NotFoundProblem("certification", certificationId));
        certification.verify(admin, snapshots.now(), snapshots.today());
        snapshots.changed(specialist);
        return mapper.toDetail(certification);
    }

    @Transactional
    public LicenseView verifyLicense(UUID specialistId, UUID licenseId, String admin) {
        Specialist specialist = load(specialistId);
        StateLicense license = specialist.license(licenseId)
                .orElseThrow(() -> new NotFoundProblem("licence", licenseId));
        license.verify(admin, snapshots.now(), snapshots.today());
        snapshots.changed(specialist);
        return mapper.toView(license);
    }

    @Transactional
    public CertificationDetail revokeCertification(UUID specialistId, UUID certificationId, String admin) {
        Specialist specialist = load(specialistId);
        BoardCertification certification = specialist.certification(certificationId)
                .orElseThrow(() -> new NotFoundProblem("certification", certificationId));
        certification.revoke();
        snapshots.changed(specialist);
        LOG.infof("certification %s of specialist %s revoked by %s", certificationId, specialistId, admin);
        return mapper.toDetail(certification);
    }

    @Transactional
    public LicenseView revokeLicense(UUID specialistId, UUID licenseId, String admin) {
        Specialist specialist = load(specialistId);
        StateLicense license = specialist.license(licenseId)
                .orElseThrow(() -> new NotFoundProblem("licence", licenseId));
        license.revoke();
        snapshots.changed(specialist);
        LOG.infof("licence %s of specialist %s revoked by %s", licenseId, specialistId, admin);
        return mapper.toView(license);
    }

    private Specialist load(UUID id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundProblem("specialist", id));
    }

    private static DuplicateFieldProblem duplicateLicence(String state) {
        return new DuplicateFieldProblem("state", "the specialist already has a licence for " + state);
    }
}
