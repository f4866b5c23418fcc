package org.secondopinion.matching.ranking;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the ranker needs to know about one specialist: the latest snapshot plus our own load count.
 *
 * @param outOfOffice the days they take no new cases (never null; empty when not known to be away)
 */
public record SpecialistFacts(UUID id, String userId, String status, boolean acceptingNewCases,
                              List<String> certifiedSpecialties, List<String> licensedStates, List<String> languages,
                              List<String> procedureExpertise, boolean nonOperativeExpertise, String npi,
                              List<String> affiliations, int capacity, int activeCases, int typicalTurnaroundHours,
                              List<Absence> outOfOffice) {

    public SpecialistFacts {
        certifiedSpecialties = nullSafe(certifiedSpecialties);
        licensedStates = nullSafe(licensedStates);
        languages = nullSafe(languages);
        procedureExpertise = nullSafe(procedureExpertise);
        affiliations = nullSafe(affiliations);
        outOfOffice = outOfOffice == null ? List.of() : List.copyOf(outOfOffice);
    }

    /** A specialist not known to be out of office. */
    public SpecialistFacts(UUID id, String userId, String status, boolean acceptingNewCases,
                           List<String> certifiedSpecialties, List<String> licensedStates, List<String> languages,
                           List<String> procedureExpertise, boolean nonOperativeExpertise, String npi,
                           List<String> affiliations, int capacity, int activeCases, int typicalTurnaroundHours) {
        this(id, userId, status, acceptingNewCases, certifiedSpecialties, licensedStates, languages,
                procedureExpertise, nonOperativeExpertise, npi, affiliations, capacity, activeCases,
                typicalTurnaroundHours, List.of());
    }

    public boolean outOfOfficeOn(LocalDate day) {
        for (Absence absence : outOfOffice) {
            if (absence.includes(day)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> nullSafe(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
