package org.secondopinion.specialist.availability;

import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.specialist.availability.AvailabilityDtos.AvailabilityRequest;
import org.secondopinion.specialist.availability.AvailabilityDtos.ExceptionDto;
import org.secondopinion.specialist.availability.AvailabilityDtos.WindowDto;
import org.secondopinion.specialist.availability.AvailabilityException.Kind;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a specialist may publish: a real IANA zone, a slot length of 20, 30 or 45 minutes, a buffer of 0–60
 * minutes, windows that hold at least one slot and never overlap (weekly windows on the same day; extra windows on
 * the same date, with each other and with that date's weekly windows), one exception per date. A broken rule is a
 * 400 naming the field.
 */
public final class AvailabilityRules {

    static final Set<Integer> SLOT_LENGTHS = Set.of(20, 30, 45);
    static final int MAX_BUFFER = 60;

    private AvailabilityRules() {
    }

    public static void requireValid(AvailabilityRequest request) {
        requireZone(request.timeZone());
        if (!SLOT_LENGTHS.contains(request.slotMinutes())) {
            throw new InvalidFieldProblem("slotMinutes", "must be 20, 30 or 45");
        }
        if (request.bufferMinutes() < 0 || request.bufferMinutes() > MAX_BUFFER) {
            throw new InvalidFieldProblem("bufferMinutes", "must be between 0 and " + MAX_BUFFER);
        }
        List<WindowDto> weekly = request.weekly();
        for (int i = 0; i < weekly.size(); i++) {
            WindowDto w = weekly.get(i);
            requireWindow("weekly[" + i + "]", w.from(), w.to(), request.slotMinutes());
            for (int j = 0; j < i; j++) {
                WindowDto other = weekly.get(j);
                if (other.day() == w.day() && overlaps(w.from(), w.to(), other.from(), other.to())) {
                    throw new InvalidFieldProblem("weekly[" + i + "]", "overlaps weekly[" + j + "]");
                }
            }
        }
        List<ExceptionDto> exceptions = request.exceptionsOrEmpty();
        Set<LocalDate> blocked = new HashSet<>();
        for (int i = 0; i < exceptions.size(); i++) {
            ExceptionDto e = exceptions.get(i);
            String field = "exceptions[" + i + "]";
            if (e.kind() == Kind.BLOCKED) {
                if (e.from() != null || e.to() != null) {
                    throw new InvalidFieldProblem(field + ".from", "a BLOCKED date has no times");
                }
                if (!blocked.add(e.date())) {
                    throw new InvalidFieldProblem(field + ".date", "is blocked twice");
                }
                continue;
            }
            if (e.from() == null || e.to() == null) {
                throw new InvalidFieldProblem(field + (e.from() == null ? ".from" : ".to"),
                        "an EXTRA window needs from and to");
            }
            requireWindow(field, e.from(), e.to(), request.slotMinutes());
            DayOfWeek day = e.date().getDayOfWeek();
            for (int j = 0; j < weekly.size(); j++) {
                WindowDto w = weekly.get(j);
                if (w.day() == day && overlaps(e.from(), e.to(), w.from(), w.to())) {
                    throw new InvalidFieldProblem(field, "overlaps weekly[" + j + "] on that " + day);
                }
            }
            for (int j = 0; j < i; j++) {
                ExceptionDto other = exceptions.get(j);
                if (other.kind() == Kind.EXTRA && other.date().equals(e.date())
                        && overlaps(e.from(), e.to(), other.from(), other.to())) {
                    throw new InvalidFieldProblem(field, "overlaps exceptions[" + j + "]");
                }
            }
        }
        for (int i = 0; i < exceptions.size(); i++) {
            ExceptionDto e = exceptions.get(i);
            if (e.kind() == Kind.EXTRA && blocked.contains(e.date())) {
                throw new InvalidFieldProblem("exceptions[" + i + "].date", "is also blocked");
            }
        }
    }

    public static List<WeeklyWindow> weekly(AvailabilityRequest request) {
        return request.weekly().stream().map(w -> new WeeklyWindow(w.day(), w.from(), w.to())).toList();
    }

    public static List<AvailabilityException> exceptions(AvailabilityRequest request) {
        List<AvailabilityException> out = new ArrayList<>();
        for (ExceptionDto e : request.exceptionsOrEmpty()) {
            out.add(new AvailabilityException(e.date(), e.kind(), e.from(), e.to()));
        }
        return out;
    }

    private static void requireZone(String zone) {
        // region ids only ("America/Los_Angeles"): a fixed offset would not follow daylight-saving time
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new InvalidFieldProblem("timeZone", "must be an IANA time zone such as America/Los_Angeles");
        }
    }

    private static void requireWindow(String field, LocalTime from, LocalTime to, int slotMinutes) {
        if (!to.isAfter(from)) {
            throw new InvalidFieldProblem(field + ".to", "must be after from (windows end on the day they start)");
        }
        if (Duration.between(from, to).toMinutes() < slotMinutes) {
            throw new InvalidFieldProblem(field + ".to", "the window is shorter than one " + slotMinutes
                    + "-minute slot");
        }
    }

    private static boolean overlaps(LocalTime aFrom, LocalTime aTo, LocalTime bFrom, LocalTime bTo) {
        return aFrom.isBefore(bTo) && bFrom.isBefore(aTo);
    }
}
