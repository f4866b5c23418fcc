package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/** {@code case.opinion-delivered.v1}: the written opinion is ready for the patient; the specialist's load is released. */
public record CaseOpinionDelivered(UUID caseId, String reference, String patientId, UUID specialistId,
                                   String specialistUserId, Instant deliveredAt) {
}
