package org.secondopinion.platform.events.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code specialist.upserted.v1} on the compacted {@code specialist-events}: the full snapshot of what
 * matching needs to know about one specialist. {@code version} grows with every change, so a consumer
 * never lets an older snapshot overwrite a newer one.
 *
 * @param userId      the specialist's OIDC subject, when the specialist has an account
 * @param outOfOffice days the specialist takes no new cases; added after the first snapshots were published, so
 *                    an older snapshot still on the compacted topic has no such field: it reads as empty (never
 *                    null), i.e. "not known to be away"
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
        int typicalTurnaroundHours,
        List<Absence> outOfOffice) {

    public SpecialistUpserted {
        outOfOffice = outOfOffice == null ? List.of() : List.copyOf(outOfOffice);
    }

    /** A snapshot of a specialist who is not known to be away (the shape before outOfOffice existed). */
    public SpecialistUpserted(UUID specialistId, long version, String userId, String status,
                              boolean acceptingNewCases, String primarySpecialty, List<String> subspecialties,
                              List<String> certifiedSpecialties, List<String> licensedStates, List<String> languages,
                              List<String> procedureExpertise, boolean nonOperativeExpertise, String npi,
                              List<String> affiliations, int capacity, int typicalTurnaroundHours) {
        this(specialistId, version, userId, status, acceptingNewCases, primarySpecialty, subspecialties,
                certifiedSpecialties, licensedStates, languages, procedureExpertise, nonOperativeExpertise, npi,
                affiliations, capacity, typicalTurnaroundHours, List.of());
    }

    /**
     * Days out of office, both ends inclusive, as calendar dates (no time zone: matching compares them with its
     * UTC date). No note: the specialist's free text stays in the directory.
     */
    public record Absence(LocalDate from, LocalDate to) {

        public boolean includes(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }
}
