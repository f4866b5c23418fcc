package org.secondopinion.platform.events.catalog;

import java.util.UUID;

/** {@code match.failed.v1} on {@code matching-events}: no eligible specialist is left; the case becomes UNMATCHED. */
public record MatchFailed(UUID caseId, String caseReference, String patientId, String reason) {
}
