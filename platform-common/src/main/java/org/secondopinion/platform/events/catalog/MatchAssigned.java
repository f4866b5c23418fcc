package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code match.assigned.v1} on {@code matching-events}: the specialist accepted (or a coordinator assigned);
 * case-service grants them access and moves the case to ASSIGNED.
 */
public record MatchAssigned(UUID caseId, String caseReference, String patientId, UUID specialistId,
                            String specialistUserId, Instant assignedAt) {
}
