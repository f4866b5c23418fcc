package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code consult.rescheduled.v1} on {@code case-events}: the consult moved to a new time; {@code sequence} is the
 * invitation's new SEQUENCE (same UID), so calendars replace the old entry.
 */
public record ConsultRescheduled(UUID consultId, UUID caseId, String caseReference, String patientId,
                                 UUID specialistId, String specialistUserId, Instant startsAt, Instant endsAt,
                                 Instant previousStartsAt, int sequence, Instant rescheduledAt) {
}
