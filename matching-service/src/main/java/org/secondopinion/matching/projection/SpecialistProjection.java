package org.secondopinion.matching.projection;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.secondopinion.matching.ranking.Absence;
import org.secondopinion.matching.ranking.SpecialistFacts;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Our copy of one specialist's latest directory snapshot, plus the load we count ourselves. */
@Entity
@Table(name = "specialist_projection")
public class SpecialistProjection {

    @Id
    @Column(name = "specialist_id")
    public UUID specialistId;

    @Column(name = "snapshot_version", nullable = false)
    public long snapshotVersion;

    @Column(name = "user_id")
    public String userId;

    @Column(nullable = false)
    public String status;

    @Column(name = "accepting_new_cases", nullable = false)
    public boolean acceptingNewCases;

    @Column(name = "primary_specialty")
    public String primarySpecialty;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "certified_specialties", nullable = false)
    public List<String> certifiedSpecialties;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "licensed_states", nullable = false)
    public List<String> licensedStates;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> languages;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "procedure_expertise", nullable = false)
    public List<String> procedureExpertise;

    @Column(name = "non_operative_expertise", nullable = false)
    public boolean nonOperativeExpertise;

    public String npi;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> affiliations;

    @Column(nullable = false)
    public int capacity;

    @Column(name = "typical_turnaround_hours", nullable = false)
    public int typicalTurnaroundHours;

    /** Days the specialist takes no new cases, both ends inclusive. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "out_of_office", nullable = false)
    public List<StoredAbsence> outOfOffice = List.of();

    @Column(name = "active_cases", nullable = false)
    public int activeCases;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected SpecialistProjection() {
    }

    public SpecialistProjection(UUID specialistId) {
        this.specialistId = specialistId;
    }

    /**
     * Takes the snapshot unless ours is as new or newer (the compacted topic may replay, and a re-sent old
     * snapshot must not undo a change). Our load count is never taken from the snapshot.
     *
     * @return whether the snapshot was applied
     */
    public boolean apply(SpecialistUpserted s, Instant now) {
        if (updatedAt != null && s.version() <= snapshotVersion) {
            return false;
        }
        snapshotVersion = s.version();
        userId = s.userId();
        status = s.status();
        acceptingNewCases = s.acceptingNewCases();
        primarySpecialty = s.primarySpecialty();
        certifiedSpecialties = copy(s.certifiedSpecialties());
        licensedStates = copy(s.licensedStates());
        languages = copy(s.languages());
        procedureExpertise = copy(s.procedureExpertise());
        nonOperativeExpertise = s.nonOperativeExpertise();
        npi = s.npi();
        affiliations = copy(s.affiliations());
        capacity = s.capacity();
        typicalTurnaroundHours = s.typicalTurnaroundHours();
        // a snapshot from before the field existed reads as empty: not known to be away
        outOfOffice = s.outOfOffice() == null ? List.of()
                : s.outOfOffice().stream().map(a -> new StoredAbsence(a.from(), a.to())).toList();
        updatedAt = now;
        return true;
    }

    /** updated_at moves with the load too: the in-memory index picks changed rows up by it. */
    public void assigned(Instant now) {
        activeCases++;
        updatedAt = now;
    }

    /** A case ended (opinion delivered, closed or cancelled after assignment): the specialist has room again. */
    public void released(Instant now) {
        activeCases = Math.max(0, activeCases - 1);
        updatedAt = now;
    }

    public SpecialistFacts facts() {
        return new SpecialistFacts(specialistId, userId, status, acceptingNewCases, certifiedSpecialties,
                licensedStates, languages, procedureExpertise, nonOperativeExpertise, npi, affiliations, capacity,
                activeCases, typicalTurnaroundHours, outOfOffice.isEmpty() ? List.of()
                        : outOfOffice.stream().map(a -> new Absence(a.from(), a.to())).toList());
    }

    /**
     * One out-of-office period as the column holds it: {"from": "2026-12-24", "to": "2027-01-02"}. ISO strings
     * rather than the mapper's default [2026, 12, 24], so that SQL can read them ((a->>'from')::date).
     */
    public record StoredAbsence(@JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate from,
                                @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate to) {
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
