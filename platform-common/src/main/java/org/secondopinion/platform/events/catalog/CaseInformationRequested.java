package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/** {@code case.information-requested.v1}: the specialist needs more from the patient (the question stays in case-service). */
public record CaseInformationRequested(UUID caseId, String reference, String patientId, UUID requestId, Instant requestedAt) {
}
