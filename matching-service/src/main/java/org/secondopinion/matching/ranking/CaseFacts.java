package org.secondopinion.matching.ranking;

import java.util.List;

/** What the ranker needs to know about a case: codes only, no PHI. */
public record CaseFacts(String specialty, String procedureCode, String urgency, String patientState,
                        String preferredLanguage, List<String> goals, String surgeonNpi, String surgeonInstitution) {

    public static final String URGENT = "URGENT";
    public static final String AVOID_SURGERY = "AVOID_SURGERY";

    public CaseFacts {
        goals = goals == null ? List.of() : List.copyOf(goals);
    }

    public boolean urgent() {
        return URGENT.equalsIgnoreCase(urgency);
    }

    public boolean wantsToAvoidSurgery() {
        return goals.stream().anyMatch(AVOID_SURGERY::equalsIgnoreCase);
    }
}
