package org.secondopinion.specialist.directory;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.specialist.credentials.BoardCertification;
import org.secondopinion.specialist.credentials.StateLicense;
import org.secondopinion.specialist.profile.OutOfOfficePeriod;
import org.secondopinion.specialist.profile.OutOfOfficeRules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A specialist's directory profile with their certifications and licences (the aggregate). */
@Entity
@Table(name = "specialist")
public class Specialist {

    @Id
    public UUID id;

    /** OIDC subject of the specialist's account; null until they have one. Never shown publicly. */
    @Column(name = "user_id")
    public String userId;

    @Column(nullable = false)
    public String npi;

    @Column(name = "given_name", nullable = false)
    public String givenName;

    @Column(name = "family_name", nullable = false)
    public String familyName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Credentials credentials;

    /** A {@link org.secondopinion.platform.reference.Specialty} code. */
    @Column(name = "primary_specialty", nullable = false)
    public String primarySpecialty;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> subspecialties = new ArrayList<>();

    /** CPT codes of the procedures the specialist is an expert in. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "procedure_expertise", nullable = false)
    public List<String> procedureExpertise = new ArrayList<>();

    @Column(name = "non_operative_expertise", nullable = false)
    public boolean nonOperativeExpertise;

    /** ISO 639-1 codes. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> languages = new ArrayList<>();

    /** Institutions (hospitals, training programmes): matching uses them for conflicts of interest. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> affiliations = new ArrayList<>();

    @Column(name = "years_in_practice")
    public Integer yearsInPractice;

    public String bio;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "turnaround_hours", nullable = false)
    public int typicalTurnaroundHours;

    /** Most open cases the specialist takes at once. */
    @Column(nullable = false)
    public int capacity;

    @Column(name = "accepting_new_cases", nullable = false)
    public boolean acceptingNewCases;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SpecialistStatus status;

    /** Optimistic lock: concurrent edits of one profile fail (409) instead of overwriting each other. */
    @Version
    @Column(nullable = false)
    public long version;

    /** Version of the published snapshot: grows by one with every change, so consumers drop stale snapshots. */
    @Column(name = "snapshot_version", nullable = false)
    public long snapshotVersion;

    /**
     * Ratings from case.rated events. Written only by an atomic SQL increment (never by this entity), so that
     * a profile edit in flight cannot overwrite a rating that arrived meanwhile.
     */
    @Column(name = "rating_count", insertable = false, updatable = false)
    public int ratingCount;

    @Column(name = "rating_sum", insertable = false, updatable = false)
    public long ratingSum;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "specialist", cascade = CascadeType.ALL, orphanRemoval = true)
    @BatchSize(size = 50)
    @OrderBy("specialty, board")
    public List<BoardCertification> certifications = new ArrayList<>();

    @OneToMany(mappedBy = "specialist", cascade = CascadeType.ALL, orphanRemoval = true)
    @BatchSize(size = 50)
    @OrderBy("state")
    public List<StateLicense> licenses = new ArrayList<>();

    /**
     * Lazy and never read by the directory search (not a public field), so a search page does not load it. Only
     * {@link #replaceOutOfOffice} changes it, which keeps the list free of overlaps.
     */
    @ElementCollection
    @CollectionTable(name = "specialist_out_of_office", joinColumns = @JoinColumn(name = "specialist_id"))
    @OrderBy("startsOn")
    public List<OutOfOfficePeriod> outOfOffice = new ArrayList<>();

    public void addCertification(BoardCertification certification) {
        certification.specialist = this;
        certifications.add(certification);
    }

    /** A specialist holds at most one licence per state. */
    public void addLicense(StateLicense license) {
        if (licenses.stream().anyMatch(l -> l.state.equals(license.state))) {
            throw new InvalidFieldProblem("licenses", "more than one licence for state " + license.state);
        }
        license.specialist = this;
        licenses.add(license);
    }

    /** Specialties of verified, unexpired board certifications, sorted and distinct. */
    public List<String> certifiedSpecialties(LocalDate today) {
        return certifications.stream().filter(c -> c.isValidOn(today)).map(c -> c.specialty)
                .distinct().sorted().toList();
    }

    /** States of verified, unexpired licences, sorted. */
    public List<String> licensedStates(LocalDate today) {
        return licenses.stream().filter(l -> l.isValidOn(today)).map(l -> l.state).distinct().sorted().toList();
    }

    /** Marks a change: the next snapshot gets a higher version. */
    public void changed(Instant now) {
        snapshotVersion++;
        updatedAt = now;
    }

    public boolean hasLicenseIn(String state) {
        return licenses.stream().anyMatch(l -> l.state.equals(state));
    }

    public Optional<BoardCertification> certification(UUID certificationId) {
        return certifications.stream().filter(c -> c.id.equals(certificationId)).findFirst();
    }

    public Optional<StateLicense> license(UUID licenseId) {
        return licenses.stream().filter(l -> l.id.equals(licenseId)).findFirst();
    }

    /** Takes the specialist out of the public directory and out of matching; a retired one stays retired. */
    public void suspend() {
        if (status == SpecialistStatus.SUSPENDED || status == SpecialistStatus.RETIRED) {
            throw new StateConflictProblem("a " + status + " specialist cannot be suspended", status.name());
        }
        status = SpecialistStatus.SUSPENDED;
    }

    /**
     * Lists the specialist and lets matching offer them cases; only with a verified, unexpired board
     * certification in their primary specialty, since matching would never offer them a case otherwise.
     */
    public void activate(LocalDate today) {
        if (status == SpecialistStatus.ACTIVE || status == SpecialistStatus.RETIRED) {
            throw new StateConflictProblem("a " + status + " specialist cannot be activated", status.name());
        }
        if (!certifiedSpecialties(today).contains(primarySpecialty)) {
            throw new StateConflictProblem("activation needs a verified, unexpired board certification in "
                    + primarySpecialty, status.name());
        }
        status = SpecialistStatus.ACTIVE;
    }

    /** Marks lapsed credentials EXPIRED; whether anything changed. */
    public boolean expireLapsedCredentials(LocalDate today) {
        boolean changed = false;
        for (BoardCertification c : certifications) {
            changed |= c.expireIfLapsed(today);
        }
        for (StateLicense l : licenses) {
            changed |= l.expireIfLapsed(today);
        }
        return changed;
    }

    /**
     * Replaces all out-of-office periods (the specialist edits them as one list).
     *
     * @throws InvalidFieldProblem when a period ends before it starts or two periods overlap
     */
    public void replaceOutOfOffice(List<OutOfOfficePeriod> periods) {
        OutOfOfficeRules.requireValid(periods);
        outOfOffice.clear();
        outOfOffice.addAll(periods.stream()
                .sorted(Comparator.comparing(OutOfOfficePeriod::startsOn)).toList());
    }

    /** Whether {@code day} (in the specialist's calendar) falls in one of their out-of-office periods. */
    public boolean isOutOfOfficeOn(LocalDate day) {
        return outOfOffice.stream().anyMatch(p -> p.includes(day));
    }

    /** Average stars, one decimal; null before the first rating. */
    public Double ratingAverage() {
        return ratingCount == 0 ? null : Math.round(10.0 * ratingSum / ratingCount) / 10.0;
    }
}
