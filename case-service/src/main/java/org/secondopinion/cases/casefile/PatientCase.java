package org.secondopinion.cases.casefile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A patient's case and its lifecycle. Every transition is a method here that refuses an illegal move with a 409
 * naming the current state; nothing else writes {@link #status}. Plain Java: unit tests build it with {@code new}.
 */
@Entity
@Table(name = "patient_case")
public class PatientCase {

    @Id
    public UUID id;
    public String reference;
    @Column(name = "patient_id")
    public String patientId;
    @Enumerated(EnumType.STRING)
    public Origin origin;
    @Enumerated(EnumType.STRING)
    private CaseStatus status;

    @Column(name = "diagnosis_code")
    public String diagnosisCode;
    @Column(name = "diagnosis_text")
    public String diagnosisText;
    @Column(name = "procedure_code")
    public String procedureCode;
    @Column(name = "procedure_text")
    public String procedureText;
    public String specialty;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Column(name = "scheduled_date")
    public LocalDate scheduledDate;
    @Column(name = "patient_state")
    public String patientState;
    @Column(name = "preferred_language")
    public String preferredLanguage;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> goals = new ArrayList<>();
    @Column(name = "goals_text")
    public String goalsText;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> questions = new ArrayList<>();
    public String history;
    @Column(name = "prior_treatments")
    public String priorTreatments;
    @Column(name = "surgeon_name")
    public String surgeonName;
    @Column(name = "surgeon_npi")
    public String surgeonNpi;
    @Column(name = "surgeon_institution")
    public String surgeonInstitution;

    @Column(name = "consent_version")
    private String consentVersion;
    @Column(name = "consent_at")
    private Instant consentAt;
    @Column(name = "assigned_specialist_id")
    private UUID assignedSpecialistId;
    @Column(name = "assigned_specialist_user_id")
    private String assignedSpecialistUserId;

    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "assigned_at")
    private Instant assignedAt;
    @Column(name = "cancelled_at")
    private Instant cancelledAt;
    @Column(name = "opinion_delivered_at")
    private Instant opinionDeliveredAt;
    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    public long version;

    protected PatientCase() {
    }

    public static PatientCase draft(UUID id, String reference, String patientId, Origin origin, Instant now) {
        PatientCase c = new PatientCase();
        c.id = id;
        c.reference = reference;
        c.patientId = patientId;
        c.origin = origin;
        c.status = CaseStatus.DRAFT;
        c.urgency = Urgency.ROUTINE;
        c.createdAt = now;
        c.updatedAt = now;
        return c;
    }

    /** Edits are allowed only while the patient is still writing the case. */
    public void ensureEditable() {
        if (status != CaseStatus.DRAFT) {
            throw new StateConflictProblem("case " + reference + " can only be edited while it is a DRAFT", status.name());
        }
    }

    public void touched(Instant now) {
        updatedAt = now;
    }

    /**
     * Rules across fields that Bean Validation on one request cannot see (the draft may have been built over several
     * edits): an urgent case needs a surgery date within 14 days.
     */
    public void checkConsistency(LocalDate today) {
        if (urgency == Urgency.URGENT) {
            if (scheduledDate == null) {
                throw new InvalidFieldProblem("scheduledDate", "is required for an URGENT case");
            }
            if (scheduledDate.isBefore(today) || scheduledDate.isAfter(today.plusDays(14))) {
                throw new InvalidFieldProblem("scheduledDate", "must be within the next 14 days for an URGENT case");
            }
        }
        if (scheduledDate != null && scheduledDate.isBefore(today)) {
            throw new InvalidFieldProblem("scheduledDate", "must not be in the past");
        }
    }

    /** DRAFT → SUBMITTED: needs diagnosis, procedure, specialty, state of residence, and consent to share records. */
    public void submit(String consentVersion, Instant now, LocalDate today) {
        if (status != CaseStatus.DRAFT) {
            throw new StateConflictProblem("case " + reference + " was already submitted", status.name());
        }
        requirePresent(diagnosisCode, "diagnosis");
        requirePresent(procedureCode, "procedure");
        requirePresent(specialty, "specialty");
        requirePresent(patientState, "patientState");
        checkConsistency(today);
        this.consentVersion = consentVersion;
        this.consentAt = now;
        this.status = CaseStatus.SUBMITTED;
        this.submittedAt = now;
        this.updatedAt = now;
    }

    /** The matcher found a specialist who accepted: from SUBMITTED (or UNMATCHED after a coordinator stepped in). */
    public void assign(UUID specialistId, String specialistUserId, Instant now) {
        if (status != CaseStatus.SUBMITTED && status != CaseStatus.UNMATCHED) {
            throw new StateConflictProblem("case " + reference + " cannot be assigned now", status.name());
        }
        this.assignedSpecialistId = specialistId;
        this.assignedSpecialistUserId = specialistUserId;
        this.status = CaseStatus.ASSIGNED;
        this.assignedAt = now;
        this.updatedAt = now;
    }

    /** Whether the case is still in its specialist's hands: assigned, and the opinion not yet delivered. */
    public boolean canBeReassigned() {
        return status == CaseStatus.ASSIGNED || status == CaseStatus.IN_REVIEW
                || status == CaseStatus.AWAITING_INFORMATION;
    }

    /**
     * A coordinator hands the case to another specialist before the opinion: the status stays (the new specialist
     * takes the case over where it stands), the previous specialist loses access.
     *
     * @return the specialist the case was taken from
     */
    public UUID reassign(UUID specialistId, String specialistUserId, Instant now) {
        if (!canBeReassigned()) {
            throw new StateConflictProblem("case " + reference + " cannot be reassigned now", status.name());
        }
        UUID previous = assignedSpecialistId;
        this.assignedSpecialistId = specialistId;
        this.assignedSpecialistUserId = specialistUserId;
        this.updatedAt = now;
        return previous;
    }

    /** No eligible specialist is left: a coordinator must act. */
    public void markUnmatched(Instant now) {
        if (status != CaseStatus.SUBMITTED) {
            throw new StateConflictProblem("case " + reference + " is not waiting for a match", status.name());
        }
        this.status = CaseStatus.UNMATCHED;
        this.updatedAt = now;
    }

    /** A coordinator's rematch found a candidate: UNMATCHED → SUBMITTED. */
    public void rematched(Instant now) {
        if (status != CaseStatus.UNMATCHED) {
            throw new StateConflictProblem("case " + reference + " is not unmatched", status.name());
        }
        this.status = CaseStatus.SUBMITTED;
        this.updatedAt = now;
    }

    public CaseStatus cancel(Instant now) {
        if (!status.isCancellable()) {
            throw new StateConflictProblem("case " + reference + " can no longer be cancelled", status.name());
        }
        CaseStatus previous = status;
        this.status = CaseStatus.CANCELLED;
        this.cancelledAt = now;
        this.updatedAt = now;
        return previous;
    }

    /** The assigned specialist starts working on the case: ASSIGNED → IN_REVIEW (again is a no-op). */
    public void startReview(Instant now) {
        if (status == CaseStatus.IN_REVIEW) {
            return;
        }
        if (status != CaseStatus.ASSIGNED) {
            throw new StateConflictProblem("case " + reference + " is not open for review", status.name());
        }
        status = CaseStatus.IN_REVIEW;
        updatedAt = now;
    }

    /** The specialist needs more from the patient: the review pauses in AWAITING_INFORMATION. */
    public void awaitInformation(Instant now) {
        if (status != CaseStatus.ASSIGNED && status != CaseStatus.IN_REVIEW && status != CaseStatus.AWAITING_INFORMATION) {
            throw new StateConflictProblem("case " + reference + " is not under review", status.name());
        }
        status = CaseStatus.AWAITING_INFORMATION;
        updatedAt = now;
    }

    /** The patient answered the last open request: back to IN_REVIEW. */
    public void resumeReview(Instant now) {
        if (status != CaseStatus.AWAITING_INFORMATION) {
            throw new StateConflictProblem("case " + reference + " is not waiting for information", status.name());
        }
        status = CaseStatus.IN_REVIEW;
        updatedAt = now;
    }

    /** The written opinion reaches the patient. Not while the specialist still waits for answers. */
    public void deliverOpinion(Instant now) {
        if (status != CaseStatus.ASSIGNED && status != CaseStatus.IN_REVIEW) {
            throw new StateConflictProblem("an opinion on case " + reference + " cannot be delivered now", status.name());
        }
        status = CaseStatus.OPINION_DELIVERED;
        opinionDeliveredAt = now;
        updatedAt = now;
    }

    /** OPINION_DELIVERED → CLOSED, by the patient or by the auto-close job. */
    public void close(Instant now) {
        if (status != CaseStatus.OPINION_DELIVERED) {
            throw new StateConflictProblem("case " + reference + " can be closed only after the opinion", status.name());
        }
        status = CaseStatus.CLOSED;
        closedAt = now;
        updatedAt = now;
    }

    /** A clinic-referred case goes into the account of the patient who redeemed its claim code; once. */
    public void claimFor(String patientId, Instant now) {
        if (this.patientId != null) {
            throw new StateConflictProblem("case " + reference + " already belongs to a patient", status.name());
        }
        this.patientId = patientId;
        this.updatedAt = now;
    }

    public boolean isAssignedTo(String userId) {
        return userId != null && userId.equals(assignedSpecialistUserId);
    }

    private static void requirePresent(Object value, String field) {
        if (value == null) {
            throw new InvalidFieldProblem(field, "is required before the case can be submitted");
        }
    }

    public CaseStatus status() {
        return status;
    }

    public String consentVersion() {
        return consentVersion;
    }

    public Instant consentAt() {
        return consentAt;
    }

    public UUID assignedSpecialistId() {
        return assignedSpecialistId;
    }

    public String assignedSpecialistUserId() {
        return assignedSpecialistUserId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant assignedAt() {
        return assignedAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public Instant opinionDeliveredAt() {
        return opinionDeliveredAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
