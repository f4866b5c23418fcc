package org.secondopinion.platform.events.catalog;

import java.util.List;
import java.util.UUID;

/**
 * {@code specialist.upserted.v1} on the compacted {@code specialist-events}: the full snapshot of what
 * matching needs to know about one specialist. {@code version} grows with every change, so a consumer
 * never lets an older snapshot overwrite a newer one.
 *
 * @param userId the specialist's OIDC subject, when the specialist has an account
 */
public record SpecialistUpserted(
        UUID specialistId,
        long version,
        String userId,
        String status,
        boolean acceptingNewCases,
        String primarySpecialty,
        List<String> subspecialties,
        List<String> certifiedSpecialties,
        List<String> licensedStates,
        List<String> languages,
        List<String> procedureExpertise,
        boolean nonOperativeExpertise,
        String npi,
        List<String> affiliations,
        int capacity,
        int typicalTurnaroundHours) {
}
