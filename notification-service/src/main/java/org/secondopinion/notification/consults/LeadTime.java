package org.secondopinion.notification.consults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How long before a consult's start one reminder goes out, and the key its row is stored under. 24 hours and 1 hour
 * keep the keys they had when they were the only two ({@code DAY_BEFORE}, {@code HOUR_BEFORE}): rows scheduled
 * before lead times became configurable, and the event ids derived from them, stay the same; any other lead time is
 * keyed by its ISO-8601 form ({@code PT30M}).
 */
public record LeadTime(Duration before) {

    static final String PROPERTY = "so.consult-reminders.lead-times";
    private static final Map<String, Duration> LEGACY_KEYS = Map.of(
            "DAY_BEFORE", Duration.ofHours(24), "HOUR_BEFORE", Duration.ofHours(1));

    public LeadTime {
        Objects.requireNonNull(before, "before");
        if (before.isNegative() || before.isZero()) {
            throw new IllegalArgumentException(PROPERTY + ": a lead time must be positive, was " + before);
        }
        if (!before.equals(Duration.ofMinutes(before.toMinutes()))) {
            throw new IllegalArgumentException(PROPERTY + ": a lead time must be whole minutes, was " + before);
        }
    }

    /** The configured lead times, checked: at least one, each positive and whole minutes, no two alike. */
    public static List<LeadTime> validated(List<Duration> configured) {
        if (configured == null || configured.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + ": at least one lead time");
        }
        Set<Duration> seen = new HashSet<>();
        List<LeadTime> leadTimes = new ArrayList<>();
        for (Duration before : configured) {
            if (before != null && !seen.add(before)) {
                throw new IllegalArgumentException(PROPERTY + ": " + before + " is given twice");
            }
            leadTimes.add(new LeadTime(before));
        }
        return List.copyOf(leadTimes);
    }

    /** The stored key: the ones of the former fixed reminders for 24 h and 1 h, the ISO-8601 form otherwise. */
    public String key() {
        return LEGACY_KEYS.entrySet().stream().filter(e -> e.getValue().equals(before)).map(Map.Entry::getKey)
                .findFirst().orElse(before.toString());
    }

    public static LeadTime fromKey(String key) {
        Duration legacy = LEGACY_KEYS.get(key);
        return new LeadTime(legacy != null ? legacy : Duration.parse(key));
    }

    /**
     * The lead time as a person says it: whole days from two days up ("3 days"), otherwise hours and minutes
     * ("24 hours", "1 hour", "1 hour and 30 minutes", "45 minutes").
     */
    public String words() {
        long minutes = before.toMinutes();
        long day = Duration.ofDays(1).toMinutes();
        if (minutes >= 2 * day && minutes % day == 0) {
            return count(minutes / day, "day");
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return count(rest, "minute");
        }
        return rest == 0 ? count(hours, "hour") : count(hours, "hour") + " and " + count(rest, "minute");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
