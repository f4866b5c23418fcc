package org.secondopinion.platform.events.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code case.referred.v1} on {@code case-events}: a partner clinic's referral created this case (origin: clinic).
 * Written before any other event of the case, so consumers learn which clinic to tell about its later changes.
 * No patient name, birth date or contact: those stay in case-service.
 *
 * @param referralId      the referral's id, as the clinic reads it back ({@code GET /api/v1/referrals/{id}})
 * @param clinicId        the referring clinic ({@code clinic_id} claim of its token)
 * @param clinicReference the clinic's own reference for the referral (its order number, not a patient identifier)
 * @param consentAttested whether the clinic attested the patient's consent (then {@code case.submitted} follows at once)
 * @param status          the case status right after the referral ({@code DRAFT} or {@code SUBMITTED})
 */
public record CaseReferred(
        UUID caseId,
        String reference,
        UUID referralId,
        String clinicId,
        String clinicReference,
        boolean consentAttested,
        String status,
        Instant referredAt) {
}
