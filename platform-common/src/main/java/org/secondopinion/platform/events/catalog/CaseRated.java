package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code case.rated.v1} on {@code case-events}: the patient rated the opinion. Stars only: the comment is the
 * patient's own words and stays in case-service.
 */
public record CaseRated(UUID caseId, String reference, UUID specialistId, int stars, Instant ratedAt) {
}
