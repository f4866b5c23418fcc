package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code match.offered.v1} on {@code matching-events}: a case was offered to a specialist until {@code expiresAt}.
 *
 * @param rematch true when the offer reopens a FAILED match (a coordinator's rematch), false for a match's first
 *                offer or the next one after a decline or an expiry; null in events written before the field existed,
 *                which a consumer must read as "maybe"
 */
public record MatchOffered(UUID offerId, UUID caseId, String caseReference, UUID specialistId, String specialistUserId,
                           String urgency, Instant expiresAt, Boolean rematch) {

    /** Whether this offer may move an UNMATCHED case on: a rematch, or an event that does not say. */
    public boolean mayReopen() {
        return rematch == null || rematch;
    }
}
