package org.secondopinion.specialist.availability;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.specialist.availability.AvailabilityException.Kind;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** Request and response shapes of a specialist's consult availability. */
public final class AvailabilityDtos {

    private AvailabilityDtos() {
    }

    /**
     * The whole availability, replacing the previous one.
     *
     * @param timeZone      IANA zone the times are in, e.g. America/Los_Angeles
     * @param slotMinutes   20, 30 or 45
     * @param bufferMinutes free time after each consult, 0–60
     */
    public record AvailabilityRequest(
            @NotNull @Size(max = 60) String timeZone,
            @NotNull Integer slotMinutes,
            @NotNull Integer bufferMinutes,
            @NotNull @Size(max = 50) List<@NotNull @Valid WindowDto> weekly,
            @Size(max = 200) List<@NotNull @Valid ExceptionDto> exceptions) {

        public List<ExceptionDto> exceptionsOrEmpty() {
            return exceptions == null ? List.of() : exceptions;
        }
    }

    /** e.g. {@code {"day":"TUESDAY","from":"17:00","to":"19:00"}}. */
    public record WindowDto(@NotNull DayOfWeek day, @NotNull LocalTime from, @NotNull LocalTime to) {
    }

    /** {@code {"date":"2026-12-24","kind":"BLOCKED"}} or {@code {"date":…,"kind":"EXTRA","from":…,"to":…}}. */
    public record ExceptionDto(@NotNull LocalDate date, @NotNull Kind kind, @Schema(nullable = true) LocalTime from,
                               @Schema(nullable = true) LocalTime to) {
    }

    public record AvailabilityView(String timeZone, int slotMinutes, int bufferMinutes, List<WindowDto> weekly,
                                   List<ExceptionDto> exceptions, long version, Instant updatedAt) {
    }
}
