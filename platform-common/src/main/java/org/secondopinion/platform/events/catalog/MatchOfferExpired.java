package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code match.offer-expired.v1} on {@code matching-events}: the specialist let the deadline pass; the case goes to
 * the next candidate (or fails). Coordinators hear about it: a specialist who lets offers lapse needs a word.
 */
public record MatchOfferExpired(UUID offerId, UUID caseId, String caseReference, UUID specialistId,
                                String specialistUserId, Instant expiredAt) {
}
