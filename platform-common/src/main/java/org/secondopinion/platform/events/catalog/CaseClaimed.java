package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code case.claimed.v1} on {@code case-events}: the patient redeemed the claim code of a clinic referral and the
 * case is now in their account. From here on the case's events carry this {@code patientId}.
 *
 * @param status the case status at the time of the claim (a referral with attested consent may already be matched)
 */
public record CaseClaimed(
        UUID caseId,
        String reference,
        UUID referralId,
        String clinicId,
        String patientId,
        String status,
        Instant claimedAt) {
}
