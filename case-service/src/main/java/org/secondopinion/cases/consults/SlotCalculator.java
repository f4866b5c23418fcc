package org.secondopinion.cases.consults;

import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged.DateWindow;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged.Window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The slots of a specialist's published availability. Windows are wall-clock times of the specialist's zone, so a
 * weekly 17:00 window stays 17:00 local across daylight-saving changes (its UTC instant moves). Slots follow each
 * other at slot length plus buffer from the window's start; blocked dates and out-of-office days have none.
 */
public final class SlotCalculator {

    private SlotCalculator() {
    }

    /** Every slot starting in [{@code from}, {@code to}), free or not, in time order. */
    public static List<Slot> slots(SpecialistAvailabilityChanged a, Instant from, Instant to) {
        ZoneId zone = ZoneId.of(a.timeZone());
        Duration length = Duration.ofMinutes(a.slotMinutes());
        Duration step = length.plusMinutes(a.bufferMinutes());
        Set<LocalDate> blocked = new HashSet<>(a.blocked());
        List<Slot> out = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate date = day;
            if (blocked.contains(date) || a.outOfOffice().stream().anyMatch(p -> p.includes(date))) {
                continue;
            }
            List<LocalTime[]> windows = new ArrayList<>();
            for (Window w : a.weekly()) {
                if (w.day() == date.getDayOfWeek()) {
                    windows.add(new LocalTime[]{w.from(), w.to()});
                }
            }
            for (DateWindow w : a.extra()) {
                if (w.date().equals(date)) {
                    windows.add(new LocalTime[]{w.from(), w.to()});
                }
            }
            for (LocalTime[] w : windows) {
                Instant end = ZonedDateTime.of(date, w[1], zone).toInstant();
                for (Instant s = ZonedDateTime.of(date, w[0], zone).toInstant(); !s.plus(length).isAfter(end);
                     s = s.plus(step)) {
                    if (!s.isBefore(from) && s.isBefore(to)) {
                        out.add(new Slot(s, s.plus(length)));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(Slot::start));
        return out;
    }

    /** The slots in [{@code from}, {@code to}) that keep the buffer to every consult already booked. */
    public static List<Slot> freeSlots(SpecialistAvailabilityChanged a, Instant from, Instant to, List<Slot> booked) {
        Duration buffer = Duration.ofMinutes(a.bufferMinutes());
        return slots(a, from, to).stream()
                .filter(s -> booked.stream().noneMatch(b -> s.overlaps(b, buffer)))
                .toList();
    }
}
