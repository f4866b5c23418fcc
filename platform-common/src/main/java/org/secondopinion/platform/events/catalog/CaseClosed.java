package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/** {@code case.closed.v1}: the case is finished, by the patient or automatically some time after the opinion. */
public record CaseClosed(UUID caseId, String reference, String patientId, UUID specialistId, String closedBy,
                         Instant closedAt) {
}
