package org.secondopinion.cases.casefile;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case lifecycle of DESIGN §4, without Quarkus. */
class PatientCaseTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private static PatientCase completeDraft() {
        PatientCase c = PatientCase.draft(UUID.randomUUID(), "SO-2026-000001", "patient1", Origin.PATIENT, NOW);
        c.diagnosisCode = "M51.26";
        c.procedureCode = "63030";
        c.specialty = "ORTHOPAEDIC_SURGERY";
        c.patientState = "CA";
        return c;
    }

    @Test
    void submittingACompleteDraftRecordsConsentAndTime() {
        PatientCase c = completeDraft();
        c.submit("v1", NOW, TODAY);
        assertThat(c.status()).isEqualTo(CaseStatus.SUBMITTED);
        assertThat(c.consentVersion()).isEqualTo("v1");
        assertThat(c.consentAt()).isEqualTo(NOW);
        assertThat(c.submittedAt()).isEqualTo(NOW);
    }

    @Test
    void submitNamesTheMissingField() {
        PatientCase c = completeDraft();
        c.patientState = null;
        assertThatThrownBy(() -> c.submit("v1", NOW, TODAY))
                .isInstanceOfSatisfying(InvalidFieldProblem.class, e -> assertThat(e.field()).isEqualTo("patientState"));
        assertThat(c.status()).isEqualTo(CaseStatus.DRAFT);
    }

    @Test
    void aCaseIsSubmittedOnlyOnce() {
        PatientCase c = completeDraft();
        c.submit("v1", NOW, TODAY);
        assertThatThrownBy(() -> c.submit("v1", NOW, TODAY))
                .isInstanceOfSatisfying(StateConflictProblem.class, e -> assertThat(e.currentState()).isEqualTo("SUBMITTED"));
    }

    @Test
    void urgentCasesNeedSurgeryWithinFourteenDays() {
        PatientCase c = completeDraft();
        c.urgency = Urgency.URGENT;
        assertThatThrownBy(() -> c.checkConsistency(TODAY)).hasMessageContaining("scheduledDate");
        c.scheduledDate = TODAY.plusDays(15);
        assertThatThrownBy(() -> c.checkConsistency(TODAY)).hasMessageContaining("14 days");
        c.scheduledDate = TODAY.plusDays(14);
        c.checkConsistency(TODAY);
    }

    @Test
    void onlyDraftsAreEditable() {
        PatientCase c = completeDraft();
        c.ensureEditable();
        c.submit("v1", NOW, TODAY);
        assertThatThrownBy(c::ensureEditable).isInstanceOf(StateConflictProblem.class);
    }

    @Test
    void assignmentGrantsTheSpecialistAndFollowsSubmission() {
        PatientCase draft = completeDraft();
        UUID specialist = UUID.randomUUID();
        assertThatThrownBy(() -> draft.assign(specialist, "specialist1", NOW))
                .isInstanceOfSatisfying(StateConflictProblem.class, e -> assertThat(e.currentState()).isEqualTo("DRAFT"));
        draft.submit("v1", NOW, TODAY);
        draft.assign(specialist, "specialist1", NOW);
        assertThat(draft.status()).isEqualTo(CaseStatus.ASSIGNED);
        assertThat(draft.isAssignedTo("specialist1")).isTrue();
        assertThat(draft.isAssignedTo("specialist2")).isFalse();
    }

    @Test
    void aRematchPutsAnUnmatchedCaseBackToSubmittedAndNothingElse() {
        PatientCase c = completeDraft();
        c.submit("v1", NOW, TODAY);
        assertThatThrownBy(() -> c.rematched(NOW))
                .isInstanceOfSatisfying(StateConflictProblem.class, e -> assertThat(e.currentState()).isEqualTo("SUBMITTED"));
        c.markUnmatched(NOW);
        c.rematched(NOW);
        assertThat(c.status()).isEqualTo(CaseStatus.SUBMITTED);
    }

    @Test
    void unmatchedCasesCanStillBeAssignedOrCancelled() {
        PatientCase c = completeDraft();
        c.submit("v1", NOW, TODAY);
        c.markUnmatched(NOW);
        assertThat(c.status()).isEqualTo(CaseStatus.UNMATCHED);
        assertThat(c.cancel(NOW)).isEqualTo(CaseStatus.UNMATCHED);
        assertThat(c.status()).isEqualTo(CaseStatus.CANCELLED);
        assertThatThrownBy(() -> c.cancel(NOW))
                .isInstanceOfSatisfying(StateConflictProblem.class, e -> assertThat(e.currentState()).isEqualTo("CANCELLED"));
    }

    @Test
    void referenceVersionsParseFromETags() {
        assertThat(CaseResource.version("\"3\"")).isEqualTo(3L);
        assertThat(CaseResource.version("W/\"4\"")).isEqualTo(4L);
        assertThat(CaseResource.version(null)).isNull();
        assertThatThrownBy(() -> CaseResource.version("\"abc\"")).isInstanceOf(InvalidFieldProblem.class);
    }
}
