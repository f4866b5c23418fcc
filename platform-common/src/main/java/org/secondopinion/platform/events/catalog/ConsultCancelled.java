package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code consult.cancelled.v1} on {@code case-events}: by the patient, the specialist, a coordinator or the platform
 * ({@code cancelledBy} {@code SYSTEM}: the case was reassigned or withdrawn); the reason stays in case-service. The patient may book again.
 */
public record ConsultCancelled(UUID consultId, UUID caseId, String caseReference, String patientId,
                               UUID specialistId, String specialistUserId, Instant startsAt, String cancelledBy,
                               int sequence, Instant cancelledAt) {
}
