package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/** {@code case.cancelled.v1} on {@code case-events}: the patient withdrew the case; pending offers are withdrawn. */
public record CaseCancelled(UUID caseId, String reference, String patientId, String previousStatus, Instant cancelledAt) {
}
