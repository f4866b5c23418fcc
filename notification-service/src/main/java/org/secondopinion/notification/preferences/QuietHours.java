package org.secondopinion.notification.preferences;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A daily window in the person's own time zone in which SMS and push wait. A window may span midnight
 * (22:00–07:00). The end is exclusive: at 07:00 sharp messages go out.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time");
        }
    }

    public boolean contains(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** {@code now} outside the window; otherwise the window's end (today's or tomorrow's, local time). */
    public Instant nextAllowed(Instant now) {
        if (!contains(now)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime end = local.with(this.end);
        if (!end.isAfter(local)) {
            end = local.plusDays(1).with(this.end);
        }
        return end.toInstant();
    }
}
