package org.secondopinion.matching.ranking;

import java.util.List;
import java.util.UUID;

/** What the ranker needs to know about one specialist: the latest snapshot plus our own load count. */
public record SpecialistFacts(UUID id, String userId, String status, boolean acceptingNewCases,
                              List<String> certifiedSpecialties, List<String> licensedStates, List<String> languages,
                              List<String> procedureExpertise, boolean nonOperativeExpertise, String npi,
                              List<String> affiliations, int capacity, int activeCases, int typicalTurnaroundHours) {

    public SpecialistFacts {
        certifiedSpecialties = nullSafe(certifiedSpecialties);
        licensedStates = nullSafe(licensedStates);
        languages = nullSafe(languages);
        procedureExpertise = nullSafe(procedureExpertise);
        affiliations = nullSafe(affiliations);
    }

    private static List<String> nullSafe(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
