package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/** {@code match.offered.v1} on {@code matching-events}: a case was offered to a specialist until {@code expiresAt}. */
public record MatchOffered(UUID offerId, UUID caseId, String caseReference, UUID specialistId, String specialistUserId,
                           String urgency, Instant expiresAt) {
}
