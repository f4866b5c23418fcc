package org.secondopinion.specialist.directory;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.specialist.credentials.BoardCertification;
import org.secondopinion.specialist.credentials.CredentialRules;
import org.secondopinion.specialist.credentials.StateLicense;
import org.secondopinion.specialist.credentials.VerificationStatus;
import org.secondopinion.specialist.profile.PreconditionFailedProblem;
import org.secondopinion.specialist.profile.ProfileEtag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verification lifecycle, date rules, suspension/activation and ratings, without Quarkus. */
class CredentialWorkflowRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

    @Test
    void expiryBeforeTheStartDateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> CredentialRules.requireExpiryNotBeforeStart("certifications[1].expiresOn",
                "certifiedSince", TODAY, TODAY.minusDays(1)))
                .isInstanceOf(InvalidFieldProblem.class)
                .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("certifications[1].expiresOn"))
                .hasMessageContaining("certifiedSince");
    }

    @Test
    void expiryOnTheStartDayOrWithoutEitherDateIsFine() {
        CredentialRules.requireExpiryNotBeforeStart("expiresOn", "issuedOn", TODAY, TODAY);
        CredentialRules.requireExpiryNotBeforeStart("expiresOn", "issuedOn", null, TODAY);
        CredentialRules.requireExpiryNotBeforeStart("expiresOn", "issuedOn", TODAY, null);
    }

    @Test
    void verifyingRecordsWhoAndWhen() {
        StateLicense licence = licence(VerificationStatus.PENDING, TODAY.plusYears(1));

        licence.verify("admin1", NOW, TODAY);

        assertThat(licence.status).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(licence.verifiedBy).isEqualTo("admin1");
        assertThat(licence.verifiedAt).isEqualTo(NOW);
    }

    @Test
    void onlyPendingUnexpiredCredentialsCanBeVerified() {
        BoardCertification verified = cert(VerificationStatus.VERIFIED, null);
        assertThatThrownBy(() -> verified.verify("admin1", NOW, TODAY))
                .isInstanceOf(StateConflictProblem.class)
                .satisfies(e -> assertThat(((StateConflictProblem) e).currentState()).isEqualTo("VERIFIED"));

        BoardCertification lapsed = cert(VerificationStatus.PENDING, TODAY.minusDays(1));
        assertThatThrownBy(() -> lapsed.verify("admin1", NOW, TODAY))
                .isInstanceOf(StateConflictProblem.class)
                .hasMessageContaining("expired");
        assertThat(lapsed.status).isEqualTo(VerificationStatus.PENDING);
        assertThat(lapsed.verifiedBy).isNull();
    }

    @Test
    void revokingTwiceIsAConflict() {
        StateLicense licence = licence(VerificationStatus.VERIFIED, null);
        licence.revoke();
        assertThat(licence.status).isEqualTo(VerificationStatus.REVOKED);

        assertThatThrownBy(licence::revoke).isInstanceOf(StateConflictProblem.class);
    }

    @Test
    void lapsedPendingAndVerifiedCredentialsExpireButRevokedOnesStayRevoked() {
        Specialist s = specialist();
        BoardCertification lapsedCert = cert(VerificationStatus.VERIFIED, TODAY.minusDays(1));
        BoardCertification lastDay = cert(VerificationStatus.VERIFIED, TODAY);
        StateLicense lapsedPending = licence(VerificationStatus.PENDING, TODAY.minusYears(1));
        StateLicense revoked = licence(VerificationStatus.REVOKED, TODAY.minusYears(1));
        revoked.state = "NV";
        s.addCertification(lapsedCert);
        s.addCertification(lastDay);
        s.addLicense(lapsedPending);
        s.addLicense(revoked);

        assertThat(s.expireLapsedCredentials(TODAY)).isTrue();

        assertThat(lapsedCert.status).isEqualTo(VerificationStatus.EXPIRED);
        assertThat(lastDay.status).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(lapsedPending.status).isEqualTo(VerificationStatus.EXPIRED);
        assertThat(revoked.status).isEqualTo(VerificationStatus.REVOKED);
        assertThat(s.expireLapsedCredentials(TODAY)).as("nothing left to expire").isFalse();
    }

    @Test
    void suspendedSpecialistCanBeActivatedAgainWithAValidCertification() {
        Specialist s = specialist();
        s.addCertification(cert(VerificationStatus.VERIFIED, null));

        s.suspend();
        assertThat(s.status).isEqualTo(SpecialistStatus.SUSPENDED);
        assertThatThrownBy(s::suspend).isInstanceOf(StateConflictProblem.class);

        s.activate(TODAY);
        assertThat(s.status).isEqualTo(SpecialistStatus.ACTIVE);
        assertThatThrownBy(() -> s.activate(TODAY)).isInstanceOf(StateConflictProblem.class);
    }

    @Test
    void activationNeedsAVerifiedUnexpiredCertificationInThePrimarySpecialty() {
        Specialist s = specialist();
        s.status = SpecialistStatus.ONBOARDING;
        s.addCertification(cert(VerificationStatus.PENDING, null));
        BoardCertification otherSpecialty = cert(VerificationStatus.VERIFIED, null);
        otherSpecialty.specialty = "NEUROSURGERY";
        s.addCertification(otherSpecialty);

        assertThatThrownBy(() -> s.activate(TODAY))
                .isInstanceOf(StateConflictProblem.class)
                .hasMessageContaining("ORTHOPAEDIC_SURGERY")
                .satisfies(e -> assertThat(((StateConflictProblem) e).currentState()).isEqualTo("ONBOARDING"));
        assertThat(s.status).isEqualTo(SpecialistStatus.ONBOARDING);
    }

    @Test
    void retiredSpecialistsAreNeitherSuspendedNorActivated() {
        Specialist s = specialist();
        s.status = SpecialistStatus.RETIRED;
        s.addCertification(cert(VerificationStatus.VERIFIED, null));

        assertThatThrownBy(s::suspend).isInstanceOf(StateConflictProblem.class);
        assertThatThrownBy(() -> s.activate(TODAY)).isInstanceOf(StateConflictProblem.class);
    }

    @Test
    void ratingAverageIsRoundedToOneDecimalAndAbsentBeforeTheFirstRating() {
        Specialist s = specialist();
        assertThat(s.ratingAverage()).isNull();

        s.ratingCount = 3;
        s.ratingSum = 5 + 4 + 4;
        assertThat(s.ratingAverage()).isEqualTo(4.3);
    }

    @Test
    void etagMatchesTheCurrentVersionOnly() {
        assertThat(ProfileEtag.of(7)).isEqualTo("\"7\"");
        ProfileEtag.requireMatch(null, 7);
        ProfileEtag.requireMatch("\"7\"", 7);
        ProfileEtag.requireMatch("W/\"7\"", 7);
        ProfileEtag.requireMatch("\"3\", \"7\"", 7);
        ProfileEtag.requireMatch("*", 7);

        assertThatThrownBy(() -> ProfileEtag.requireMatch("\"6\"", 7))
                .isInstanceOf(PreconditionFailedProblem.class)
                .satisfies(e -> assertThat(((PreconditionFailedProblem) e).status()).isEqualTo(412))
                .satisfies(e -> assertThat(((PreconditionFailedProblem) e).extensions())
                        .containsEntry("currentEtag", "\"7\""));
    }

    private static Specialist specialist() {
        Specialist s = new Specialist();
        s.id = UUID.randomUUID();
        s.primarySpecialty = "ORTHOPAEDIC_SURGERY";
        s.languages = List.of("en");
        s.status = SpecialistStatus.ACTIVE;
        return s;
    }

    private static BoardCertification cert(VerificationStatus status, LocalDate expiresOn) {
        BoardCertification c = new BoardCertification();
        c.id = UUID.randomUUID();
        c.board = "American Board of Orthopaedic Surgery";
        c.specialty = "ORTHOPAEDIC_SURGERY";
        c.status = status;
        c.expiresOn = expiresOn;
        return c;
    }

    private static StateLicense licence(VerificationStatus status, LocalDate expiresOn) {
        StateLicense l = new StateLicense();
        l.id = UUID.randomUUID();
        l.state = "CA";
        l.number = "A1";
        l.status = status;
        l.expiresOn = expiresOn;
        return l;
    }
}
