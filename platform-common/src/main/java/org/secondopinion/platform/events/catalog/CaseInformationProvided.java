package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/** {@code case.information-provided.v1}: the patient answered; the review goes on. */
public record CaseInformationProvided(UUID caseId, String reference, String specialistUserId, UUID requestId,
                                      Instant providedAt) {
}
