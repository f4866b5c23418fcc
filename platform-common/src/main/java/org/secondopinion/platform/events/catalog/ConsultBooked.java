package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code consult.booked.v1} on {@code case-events} (key: the case id): a live consult was booked. Times for the
 * reminders and invitations of the two participants; never a note. Clinic webhooks pass on the status only.
 */
public record ConsultBooked(UUID consultId, UUID caseId, String caseReference, String patientId, UUID specialistId,
                            String specialistUserId, Instant startsAt, Instant endsAt, int sequence,
                            Instant bookedAt) {
}
