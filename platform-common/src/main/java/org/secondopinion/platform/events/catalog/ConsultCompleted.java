package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code consult.completed.v1} on {@code case-events}: the specialist closed the consult as {@code COMPLETED}
 * (a consult note is on the case record; the note itself never leaves case-service) or {@code NO_SHOW}.
 */
public record ConsultCompleted(UUID consultId, UUID caseId, String caseReference, String patientId,
                               UUID specialistId, String specialistUserId, String outcome, Instant completedAt) {
}
