package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code case.outcome-requested.v1} on {@code case-events}: the patient has not yet said what they decided after the
 * opinion and is reminded ({@code reminder} 1 at +14 days, 2 at +90 days by default). Written once per case and
 * reminder; never after the patient answered.
 */
public record CaseOutcomeRequested(UUID caseId, String reference, String patientId, int reminder,
                                   Instant requestedAt) {
}
