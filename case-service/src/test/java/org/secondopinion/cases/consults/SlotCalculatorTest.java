package org.secondopinion.cases.consults;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged.DateWindow;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged.Window;
import org.secondopinion.platform.events.catalog.SpecialistUpserted.Absence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SlotCalculatorTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void aWeeklyFivePmWindowStaysFivePmLocalAcrossTheMarchDaylightSavingChange() {
        // US daylight-saving time starts on Sunday 14 March 2027
        List<Slot> slots = SlotCalculator.slots(tuesdayEvenings(10, List.of(), List.of(), List.of()),
                Instant.parse("2027-03-08T00:00:00Z"), Instant.parse("2027-03-18T00:00:00Z"));

        assertThat(slots).extracting(Slot::start).containsExactly(
                Instant.parse("2027-03-10T01:00:00Z"), Instant.parse("2027-03-10T01:40:00Z"),  // 17:00, 17:40 PST
                Instant.parse("2027-03-10T02:20:00Z"),
                Instant.parse("2027-03-17T00:00:00Z"), Instant.parse("2027-03-17T00:40:00Z"),  // 17:00, 17:40 PDT
                Instant.parse("2027-03-17T01:20:00Z"));
        assertThat(slots).allSatisfy(s -> assertThat(s.start().atZone(LOS_ANGELES).getHour()).isBetween(17, 18));
    }

    @Test
    void andAcrossTheNovemberChange() {
        // US daylight-saving time ends on Sunday 1 November 2026
        List<Slot> slots = SlotCalculator.slots(tuesdayEvenings(0, List.of(), List.of(), List.of()),
                Instant.parse("2026-10-26T00:00:00Z"), Instant.parse("2026-11-05T00:00:00Z"));

        assertThat(slots).extracting(Slot::start).startsWith(Instant.parse("2026-10-28T00:00:00Z"))
                .contains(Instant.parse("2026-11-04T01:00:00Z"));
        assertThat(slots).extracting(s -> s.start().atZone(LOS_ANGELES).toLocalTime())
                .containsOnly(LocalTime.of(17, 0), LocalTime.of(17, 30), LocalTime.of(18, 0), LocalTime.of(18, 30));
    }

    @Test
    void aPatientInAnotherZoneSeesTheSameInstantsInTheirOwnClock() {
        List<Slot> slots = SlotCalculator.slots(tuesdayEvenings(0, List.of(), List.of(), List.of()),
                Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-10T00:00:00Z"));

        assertThat(slots.get(0).start().atZone(ZoneId.of("America/New_York")).toLocalTime())
                .isEqualTo(LocalTime.of(20, 0));
        assertThat(slots.get(0).start().atZone(ZoneId.of("Europe/Berlin")).toLocalDate())
                .isEqualTo(LocalDate.of(2026, 12, 9));
    }

    @Test
    void blockedDatesAndOutOfOfficeDaysHaveNoSlotsButExtraWindowsDo() {
        SpecialistAvailabilityChanged a = tuesdayEvenings(0,
                List.of(new DateWindow(LocalDate.of(2026, 12, 10), LocalTime.of(9, 0), LocalTime.of(10, 0))),
                List.of(LocalDate.of(2026, 12, 8)),
                List.of(new Absence(LocalDate.of(2026, 12, 15), LocalDate.of(2026, 12, 20))));

        List<Slot> slots = SlotCalculator.slots(a, Instant.parse("2026-12-07T00:00:00Z"),
                Instant.parse("2026-12-24T00:00:00Z"));

        assertThat(slots).extracting(s -> s.start().atZone(LOS_ANGELES).toLocalDate()).containsOnly(
                LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 22));
    }

    @Test
    void aBookedConsultTakesItsSlotAndTheBufferAroundIt() {
        SpecialistAvailabilityChanged a = tuesdayEvenings(10, List.of(), List.of(), List.of());
        Instant from = Instant.parse("2026-12-07T00:00:00Z");
        Instant to = Instant.parse("2026-12-10T00:00:00Z");
        Slot first = SlotCalculator.slots(a, from, to).get(0);

        List<Slot> free = SlotCalculator.freeSlots(a, from, to, List.of(first));

        assertThat(free).doesNotContain(first).hasSize(2);
        // a consult booked off the grid (before an availability change) blocks the slots it touches
        Slot offGrid = new Slot(first.end().plusSeconds(300), first.end().plusSeconds(300 + 1800));
        assertThat(SlotCalculator.freeSlots(a, from, to, List.of(offGrid))).hasSize(1);
    }

    @Test
    void slotsStartWithinTheRequestedRangeOnly() {
        SpecialistAvailabilityChanged a = tuesdayEvenings(0, List.of(), List.of(), List.of());
        // 17:30 to 18:30 Los Angeles time: the slots starting in it, not the one that ends in it
        List<Slot> slots = SlotCalculator.slots(a, Instant.parse("2026-12-09T01:30:00Z"),
                Instant.parse("2026-12-09T02:30:00Z"));
        assertThat(slots).extracting(Slot::start).containsExactly(Instant.parse("2026-12-09T01:30:00Z"),
                Instant.parse("2026-12-09T02:00:00Z"));
    }

    static SpecialistAvailabilityChanged tuesdayEvenings(int buffer, List<DateWindow> extra, List<LocalDate> blocked,
                                                         List<Absence> away) {
        return new SpecialistAvailabilityChanged(UUID.randomUUID(), "doc", 1, "America/Los_Angeles", 30, buffer,
                List.of(new Window(DayOfWeek.TUESDAY, LocalTime.of(17, 0), LocalTime.of(19, 0))), extra, blocked,
                away, Instant.parse("2026-12-01T00:00:00Z"));
    }
}
