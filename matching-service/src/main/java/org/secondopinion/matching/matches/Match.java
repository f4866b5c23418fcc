package org.secondopinion.matching.matches;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.secondopinion.matching.ranking.CaseFacts;
import org.secondopinion.matching.ranking.RankedCandidate;
import org.secondopinion.matching.ranking.Ranking;
import org.secondopinion.platform.events.catalog.CaseSubmitted;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.secondopinion.platform.ids.Ids;

/** The search for a specialist for one case: its facts, the latest ranking and where it stands. */
@Entity
@Table(name = "match_request")
public class Match {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false, unique = true)
    public UUID caseId;

    @Column(name = "case_reference", nullable = false)
    public String caseReference;

    /**
     * The patient's OIDC subject (an id, not PHI): match.assigned carries it for case-service. Null for a clinic
     * referral until the patient claims the case (case.claimed).
     */
    @Column(name = "patient_id")
    public String patientId;

    @Column(nullable = false)
    public String specialty;

    @Column(name = "diagnosis_code")
    public String diagnosisCode;

    @Column(name = "procedure_code")
    public String procedureCode;

    @Column(nullable = false)
    public String urgency;

    @Column(name = "patient_state")
    public String patientState;

    @Column(name = "preferred_language")
    public String preferredLanguage;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> goals;

    @Column(name = "surgeon_npi")
    public String surgeonNpi;

    @Column(name = "surgeon_institution")
    public String surgeonInstitution;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MatchStatus status;

    /** The latest ranking, best first, each with its score terms. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<RankedCandidate> candidates;

    /** How many specialists each hard constraint excluded in the latest ranking. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Integer> exclusions;

    @Column(name = "assigned_specialist_id")
    public UUID assignedSpecialistId;

    @Column(name = "failure_reason")
    public String failureReason;

    /** When the assigned specialist's load was given back (opinion delivered, case closed or cancelled). */
    @Column(name = "load_released_at")
    public Instant loadReleasedAt;

    /** The coordinator who assigned by hand (null when the specialist accepted an offer). */
    @Column(name = "assigned_by")
    public String assignedBy;

    @Column(name = "assignment_reason")
    public String assignmentReason;

    /** The hard constraint a forced assignment overrode, if any. */
    @Column(name = "assignment_override")
    public String assignmentOverride;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    protected Match() {
    }

    public static Match of(CaseSubmitted event, Instant now) {
        Match match = new Match();
        match.id = Ids.newId();
        match.caseId = event.caseId();
        match.caseReference = event.reference();
        match.patientId = event.patientId();
        match.specialty = event.specialty();
        match.diagnosisCode = event.diagnosisCode();
        match.procedureCode = event.procedureCode();
        match.urgency = event.urgency() == null ? "ROUTINE" : event.urgency();
        match.patientState = event.patientState();
        match.preferredLanguage = event.preferredLanguage();
        match.goals = event.goals() == null ? List.of() : List.copyOf(event.goals());
        match.surgeonNpi = event.surgeonNpi();
        match.surgeonInstitution = event.surgeonInstitution();
        match.candidates = List.of();
        match.exclusions = Map.of();
        match.status = MatchStatus.OFFERED;
        match.createdAt = now;
        match.updatedAt = now;
        return match;
    }

    public CaseFacts facts() {
        return new CaseFacts(specialty, procedureCode, urgency, patientState, preferredLanguage, goals, surgeonNpi,
                surgeonInstitution);
    }

    public boolean urgent() {
        return facts().urgent();
    }

    public void ranked(Ranking ranking, Instant now) {
        candidates = ranking.candidates();
        Map<String, Integer> counts = new LinkedHashMap<>();
        ranking.exclusions().forEach((reason, count) -> counts.put(reason.name(), count));
        exclusions = counts;
        updatedAt = now;
    }

    /** The patient claimed a clinic-referred case: from now on our events name them. */
    public void claimedBy(String patient, Instant now) {
        patientId = patient;
        updatedAt = now;
    }

    public void offered(Instant now) {
        status = MatchStatus.OFFERED;
        updatedAt = now;
    }

    public void failed(String reason, Instant now) {
        status = MatchStatus.FAILED;
        failureReason = reason;
        updatedAt = now;
    }

    public void assigned(UUID specialistId, Instant now) {
        status = MatchStatus.ASSIGNED;
        assignedSpecialistId = specialistId;
        updatedAt = now;
    }

    /** A coordinator's assignment, with the written reason and the constraint it overrode (null if none). */
    public void assignedByCoordinator(UUID specialistId, String coordinator, String reason, String override,
                                      Instant now) {
        assigned(specialistId, now);
        assignedBy = coordinator;
        assignmentReason = reason;
        assignmentOverride = override;
    }

    /**
     * Gives the assigned specialist's load back at most once per case: opinion-delivered, closed and cancelled
     * may all arrive for one case, in any order, and each only once per event id thanks to the inbox.
     *
     * @return whether there was load to release
     */
    public boolean releaseLoad(Instant now) {
        if (assignedSpecialistId == null || loadReleasedAt != null) {
            return false;
        }
        loadReleasedAt = now;
        updatedAt = now;
        return true;
    }

    public void cancelled(Instant now) {
        status = MatchStatus.CANCELLED;
        updatedAt = now;
    }

    /** Only an open search moves on to the next candidate (an assigned or cancelled one stays put). */
    public boolean open() {
        return status == MatchStatus.OFFERED;
    }
}
