package org.secondopinion.platform.events.catalog;

import java.util.UUID;

/** {@code match.offer-declined.v1} on {@code matching-events}: the specialist said no; the next candidate is asked. */
public record MatchOfferDeclined(UUID offerId, UUID caseId, String caseReference, UUID specialistId, String reason) {
}
