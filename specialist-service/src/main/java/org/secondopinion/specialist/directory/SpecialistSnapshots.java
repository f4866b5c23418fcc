package org.secondopinion.specialist.directory;

import org.secondopinion.platform.events.catalog.SpecialistUpserted;

import java.time.LocalDate;
import java.util.List;

/** The specialist.upserted.v1 snapshot of a specialist: what matching needs, no names or contact data. */
public final class SpecialistSnapshots {

    private SpecialistSnapshots() {
    }

    public static SpecialistUpserted of(Specialist s, LocalDate today) {
        return new SpecialistUpserted(
                s.id,
                s.snapshotVersion,
                s.userId,
                s.status.name(),
                s.acceptingNewCases,
                s.primarySpecialty,
                List.copyOf(s.subspecialties),
                s.certifiedSpecialties(today),
                s.licensedStates(today),
                List.copyOf(s.languages),
                List.copyOf(s.procedureExpertise),
                s.nonOperativeExpertise,
                s.npi,
                List.copyOf(s.affiliations),
                s.capacity,
                s.typicalTurnaroundHours,
                absences(s, today));
    }

    /**
     * The periods not yet over: one that ended before today can never keep a case from the specialist again, and
     * the snapshot stays small however long the specialist's history grows. Notes stay here (free text).
     */
    private static List<SpecialistUpserted.Absence> absences(Specialist s, LocalDate today) {
        return s.outOfOffice.stream()
                .filter(p -> !p.endsOn().isBefore(today))
                .map(p -> new SpecialistUpserted.Absence(p.startsOn(), p.endsOn()))
                .toList();
    }
}
