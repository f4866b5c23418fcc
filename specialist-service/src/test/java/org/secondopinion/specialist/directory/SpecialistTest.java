package org.secondopinion.specialist.directory;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.specialist.credentials.BoardCertification;
import org.secondopinion.specialist.credentials.StateLicense;
import org.secondopinion.specialist.credentials.VerificationStatus;
import org.secondopinion.specialist.profile.OutOfOfficePeriod;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecialistTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void onlyVerifiedUnexpiredCertificationsCountAsCertifiedSpecialties() {
        Specialist s = specialist();
        s.addCertification(cert("ORTHOPAEDIC_SURGERY", VerificationStatus.VERIFIED, null));
        s.addCertification(cert("NEUROSURGERY", VerificationStatus.PENDING, null));
        s.addCertification(cert("GENERAL_SURGERY", VerificationStatus.VERIFIED, TODAY.minusDays(1)));
        s.addCertification(cert("UROLOGY", VerificationStatus.REVOKED, null));
        s.addCertification(cert("VASCULAR_SURGERY", VerificationStatus.VERIFIED, TODAY));

        assertThat(s.certifiedSpecialties(TODAY)).containsExactly("ORTHOPAEDIC_SURGERY", "VASCULAR_SURGERY");
    }

    @Test
    void onlyVerifiedUnexpiredLicencesCountAsLicensedStates() {
        Specialist s = specialist();
        s.addLicense(licence("NV", VerificationStatus.VERIFIED, TODAY.plusYears(1)));
        s.addLicense(licence("CA", VerificationStatus.VERIFIED, null));
        s.addLicense(licence("NY", VerificationStatus.EXPIRED, null));
        s.addLicense(licence("TX", VerificationStatus.VERIFIED, TODAY.minusDays(1)));
        s.addLicense(licence("WA", VerificationStatus.PENDING, null));

        assertThat(s.licensedStates(TODAY)).containsExactly("CA", "NV");
    }

    @Test
    void aSecondLicenceForTheSameStateIsRefusedNamingLicenses() {
        Specialist s = specialist();
        s.addLicense(licence("CA", VerificationStatus.VERIFIED, null));

        assertThatThrownBy(() -> s.addLicense(licence("CA", VerificationStatus.PENDING, null)))
                .isInstanceOf(InvalidFieldProblem.class)
                .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("licenses"));
    }

    @Test
    void everyChangeRaisesTheSnapshotVersion() {
        Specialist s = specialist();
        long before = s.snapshotVersion;
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        s.changed(now);

        assertThat(s.snapshotVersion).isEqualTo(before + 1);
        assertThat(s.updatedAt).isEqualTo(now);
    }

    @Test
    void snapshotCarriesWhatMatchingNeedsButNoNames() {
        Specialist s = specialist();
        s.addCertification(cert("ORTHOPAEDIC_SURGERY", VerificationStatus.VERIFIED, null));
        s.addLicense(licence("CA", VerificationStatus.VERIFIED, null));

        SpecialistUpserted snapshot = SpecialistSnapshots.of(s, TODAY);

        assertThat(snapshot.specialistId()).isEqualTo(s.id);
        assertThat(snapshot.version()).isEqualTo(3);
        assertThat(snapshot.userId()).isEqualTo("specialist9");
        assertThat(snapshot.status()).isEqualTo("ACTIVE");
        assertThat(snapshot.certifiedSpecialties()).containsExactly("ORTHOPAEDIC_SURGERY");
        assertThat(snapshot.licensedStates()).containsExactly("CA");
        assertThat(snapshot.procedureExpertise()).containsExactly("63030");
        assertThat(snapshot.capacity()).isEqualTo(10);
        assertThat(snapshot.typicalTurnaroundHours()).isEqualTo(24);
        assertThat(snapshot.toString()).doesNotContain("Okafor", "Maya");
    }

    @Test
    void snapshotCarriesTheOutOfOfficePeriodsNotYetOverWithoutTheirNotes() {
        Specialist s = specialist();
        assertThat(SpecialistSnapshots.of(s, TODAY).outOfOffice()).isEmpty();

        s.replaceOutOfOffice(List.of(
                new OutOfOfficePeriod(TODAY.minusDays(10), TODAY.minusDays(1), "ended yesterday"),
                new OutOfOfficePeriod(TODAY.plusDays(20), TODAY.plusDays(22), "conference in Lisbon"),
                new OutOfOfficePeriod(TODAY, TODAY, null)));
        SpecialistUpserted snapshot = SpecialistSnapshots.of(s, TODAY);

        // the one that ended yesterday is left out; the one ending today still counts
        assertThat(snapshot.outOfOffice()).containsExactly(
                new SpecialistUpserted.Absence(TODAY, TODAY),
                new SpecialistUpserted.Absence(TODAY.plusDays(20), TODAY.plusDays(22)));
        assertThat(snapshot.toString()).doesNotContain("Lisbon");
    }

    @Test
    void outOfOfficePeriodsAreKeptInDateOrderAndAnsweredPerDay() {
        Specialist s = specialist();
        LocalDate conference = TODAY.plusDays(20);

        s.replaceOutOfOffice(List.of(new OutOfOfficePeriod(conference, conference.plusDays(2), "conference"),
                new OutOfOfficePeriod(TODAY, TODAY.plusDays(6), null)));

        assertThat(s.outOfOffice).extracting(OutOfOfficePeriod::startsOn).containsExactly(TODAY, conference);
        assertThat(s.isOutOfOfficeOn(TODAY.plusDays(6))).isTrue();
        assertThat(s.isOutOfOfficeOn(TODAY.plusDays(7))).isFalse();
        assertThat(s.isOutOfOfficeOn(conference.plusDays(1))).isTrue();
    }

    @Test
    void invalidOutOfOfficePeriodsLeaveTheExistingOnesAsTheyWere() {
        Specialist s = specialist();
        s.replaceOutOfOffice(List.of(new OutOfOfficePeriod(TODAY, TODAY.plusDays(1), null)));

        assertThatThrownBy(() -> s.replaceOutOfOffice(List.of(new OutOfOfficePeriod(TODAY, TODAY.minusDays(1), null))))
                .isInstanceOf(InvalidFieldProblem.class);
        assertThat(s.outOfOffice).containsExactly(new OutOfOfficePeriod(TODAY, TODAY.plusDays(1), null));

        s.replaceOutOfOffice(List.of());
        assertThat(s.isOutOfOfficeOn(TODAY)).isFalse();
    }

    private static Specialist specialist() {
        Specialist s = new Specialist();
        s.id = UUID.randomUUID();
        s.userId = "specialist9";
        s.npi = "1234567893";
        s.givenName = "Maya";
        s.familyName = "Okafor";
        s.credentials = Credentials.MD;
        s.primarySpecialty = "ORTHOPAEDIC_SURGERY";
        s.subspecialties = List.of("SPINE");
        s.procedureExpertise = List.of("63030");
        s.languages = List.of("en");
        s.affiliations = List.of();
        s.timeZone = "America/Los_Angeles";
        s.typicalTurnaroundHours = 24;
        s.capacity = 10;
        s.acceptingNewCases = true;
        s.status = SpecialistStatus.ACTIVE;
        s.snapshotVersion = 3;
        return s;
    }

    private static BoardCertification cert(String specialty, VerificationStatus status, LocalDate expiresOn) {
        BoardCertification c = new BoardCertification();
        c.id = UUID.randomUUID();
        c.board = "Board";
        c.specialty = specialty;
        c.status = status;
        c.expiresOn = expiresOn;
        return c;
    }

    private static StateLicense licence(String state, VerificationStatus status, LocalDate expiresOn) {
        StateLicense l = new StateLicense();
        l.id = UUID.randomUUID();
        l.state = state;
        l.number = state + "-1";
        l.status = status;
        l.expiresOn = expiresOn;
        return l;
    }
}
