package org.secondopinion.platform.events.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code specialist.availability-changed.v1} on the compacted {@code specialist-events}, keyed
 * {@code <specialistId>:availability} (so compaction keeps it beside the profile snapshot): the whole consult
 * availability of one specialist. {@code version} grows with every change; a consumer keeps the newest. Times are
 * wall-clock times of {@code timeZone}; no notes, nothing about patients.
 *
 * @param weekly      recurring windows
 * @param extra       one-off windows on a date
 * @param blocked     dates with no consults at all (the weekly windows of that date do not apply)
 * @param outOfOffice the profile's out-of-office periods not yet over (dates of the specialist's calendar)
 */
public record SpecialistAvailabilityChanged(
        UUID specialistId,
        String userId,
        long version,
        String timeZone,
        int slotMinutes,
        int bufferMinutes,
        List<Window> weekly,
        List<DateWindow> extra,
        List<LocalDate> blocked,
        List<SpecialistUpserted.Absence> outOfOffice,
        Instant changedAt) {

    public SpecialistAvailabilityChanged {
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
        extra = extra == null ? List.of() : List.copyOf(extra);
        blocked = blocked == null ? List.of() : List.copyOf(blocked);
        outOfOffice = outOfOffice == null ? List.of() : List.copyOf(outOfOffice);
    }

    /** Every {@code day} from {@code from} to {@code to} (exclusive), local time. */
    public record Window(DayOfWeek day, LocalTime from, LocalTime to) {
    }

    /** On {@code date} from {@code from} to {@code to} (exclusive), local time. */
    public record DateWindow(LocalDate date, LocalTime from, LocalTime to) {
    }
}
