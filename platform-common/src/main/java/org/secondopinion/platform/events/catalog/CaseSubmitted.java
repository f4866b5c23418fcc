package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code case.submitted.v1} on {@code case-events}: a patient's case is ready to be matched.
 * Codes and ids only: no names, no free-text clinical notes (DESIGN §8).
 *
 * @param patientId          the patient's OIDC subject
 * @param surgeonNpi         recommending surgeon's NPI, when known (conflict-of-interest check)
 * @param surgeonInstitution recommending surgeon's institution (conflict-of-interest check)
 */
public record CaseSubmitted(
        UUID caseId,
        String reference,
        String patientId,
        String specialty,
        String diagnosisCode,
        String procedureCode,
        String urgency,
        LocalDate scheduledDate,
        String patientState,
        String preferredLanguage,
        List<String> goals,
        String surgeonNpi,
        String surgeonInstitution,
        Instant submittedAt) {
}
