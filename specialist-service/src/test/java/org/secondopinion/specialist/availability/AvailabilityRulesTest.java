package org.secondopinion.specialist.availability;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.specialist.availability.AvailabilityDtos.AvailabilityRequest;
import org.secondopinion.specialist.availability.AvailabilityDtos.ExceptionDto;
import org.secondopinion.specialist.availability.AvailabilityDtos.WindowDto;
import org.secondopinion.specialist.availability.AvailabilityException.Kind;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AvailabilityRulesTest {

    private static final WindowDto TUESDAY_EVENING = window(DayOfWeek.TUESDAY, "17:00", "19:00");

    @Test
    void aWeekOfSeparateWindowsWithExceptionsIsAccepted() {
        assertThatCode(() -> AvailabilityRules.requireValid(request("America/Los_Angeles", 30, 10,
                List.of(TUESDAY_EVENING, window(DayOfWeek.TUESDAY, "19:00", "20:00"),
                        window(DayOfWeek.THURSDAY, "08:00", "09:00")),
                List.of(new ExceptionDto(LocalDate.of(2026, 12, 24), Kind.BLOCKED, null, null),
                        // a Wednesday: no weekly window to collide with
                        extra("2026-12-30", "10:00", "12:00")))))
                .doesNotThrowAnyException();
    }

    @Test
    void overlappingWeeklyWindowsNameTheSecond() {
        assertThat(field(request("UTC", 30, 0,
                List.of(TUESDAY_EVENING, window(DayOfWeek.TUESDAY, "18:30", "20:00")), List.of())))
                .isEqualTo("weekly[1]");
    }

    @Test
    void anExtraWindowOverlappingThatWeekdaysWindowIsRefused() {
        // 2026-12-29 is a Tuesday
        assertThat(field(request("UTC", 30, 0, List.of(TUESDAY_EVENING), List.of(extra("2026-12-29", "18:00", "20:00")))))
                .isEqualTo("exceptions[0]");
    }

    @Test
    void onlyRealRegionZonesCount() {
        assertThat(field(request("Mars/Olympus_Mons", 30, 0, List.of(), List.of()))).isEqualTo("timeZone");
        assertThat(field(request("+02:00", 30, 0, List.of(), List.of()))).isEqualTo("timeZone");
    }

    @Test
    void slotLengthsAreTwentyThirtyOrFortyFiveAndBuffersAtMostAnHour() {
        assertThat(field(request("UTC", 25, 0, List.of(), List.of()))).isEqualTo("slotMinutes");
        assertThat(field(request("UTC", 30, 90, List.of(), List.of()))).isEqualTo("bufferMinutes");
        assertThat(field(request("UTC", 30, -5, List.of(), List.of()))).isEqualTo("bufferMinutes");
    }

    @Test
    void aWindowMustEndAfterItStartsAndHoldOneSlot() {
        assertThat(field(request("UTC", 30, 0, List.of(window(DayOfWeek.MONDAY, "10:00", "09:00")), List.of())))
                .isEqualTo("weekly[0].to");
        assertThat(field(request("UTC", 45, 0, List.of(window(DayOfWeek.MONDAY, "10:00", "10:30")), List.of())))
                .isEqualTo("weekly[0].to");
    }

    @Test
    void aBlockedDateHasNoTimesAndAnExtraWindowNeedsThem() {
        assertThat(field(request("UTC", 30, 0, List.of(),
                List.of(new ExceptionDto(LocalDate.of(2026, 12, 24), Kind.BLOCKED, LocalTime.NOON, null)))))
                .isEqualTo("exceptions[0].from");
        assertThat(field(request("UTC", 30, 0, List.of(),
                List.of(new ExceptionDto(LocalDate.of(2026, 12, 24), Kind.EXTRA, LocalTime.NOON, null)))))
                .isEqualTo("exceptions[0].to");
    }

    static WindowDto window(DayOfWeek day, String from, String to) {
        return new WindowDto(day, LocalTime.parse(from), LocalTime.parse(to));
    }

    static ExceptionDto extra(String date, String from, String to) {
        return new ExceptionDto(LocalDate.parse(date), Kind.EXTRA, LocalTime.parse(from), LocalTime.parse(to));
    }

    private static AvailabilityRequest request(String zone, int slot, int buffer, List<WindowDto> weekly,
                                               List<ExceptionDto> exceptions) {
        return new AvailabilityRequest(zone, slot, buffer, weekly, exceptions);
    }

    private static String field(AvailabilityRequest request) {
        InvalidFieldProblem problem = catchThrowableOfType(InvalidFieldProblem.class,
                () -> AvailabilityRules.requireValid(request));
        assertThat(problem).as("refused").isNotNull();
        return problem.field();
    }
}
