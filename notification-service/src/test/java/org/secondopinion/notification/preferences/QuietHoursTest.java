package org.secondopinion.notification.preferences;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), LA);

    @Test
    void anOvernightWindowHoldsMessagesUntilMorningLocalTime() {
        // 23:30 in Los Angeles (PST, UTC-8) is 07:30 UTC the next day
        Instant lateEvening = Instant.parse("2026-01-15T07:30:00Z");

        assertThat(night.contains(lateEvening)).isTrue();
        assertThat(night.nextAllowed(lateEvening)).isEqualTo(Instant.parse("2026-01-15T15:00:00Z"));
    }

    @Test
    void afterMidnightTheSameMorningEndsTheWait() {
        Instant earlyMorning = Instant.parse("2026-01-15T13:00:00Z"); // 05:00 in Los Angeles

        assertThat(night.nextAllowed(earlyMorning)).isEqualTo(Instant.parse("2026-01-15T15:00:00Z"));
    }

    @Test
    void outsideTheWindowMessagesGoNow() {
        Instant afternoon = Instant.parse("2026-01-15T22:00:00Z"); // 14:00 in Los Angeles

        assertThat(night.contains(afternoon)).isFalse();
        assertThat(night.nextAllowed(afternoon)).isEqualTo(afternoon);
    }

    @Test
    void theEndIsExclusiveAndTheStartInclusive() {
        assertThat(night.contains(Instant.parse("2026-01-15T15:00:00Z"))).isFalse(); // 07:00
        assertThat(night.contains(Instant.parse("2026-01-16T06:00:00Z"))).isTrue(); // 22:00
    }

    @Test
    void aDaytimeWindowWorksToo() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));

        assertThat(lunch.nextAllowed(Instant.parse("2026-01-15T12:30:00Z")))
                .isEqualTo(Instant.parse("2026-01-15T13:00:00Z"));
        assertThat(lunch.contains(Instant.parse("2026-01-15T11:59:00Z"))).isFalse();
    }

    @Test
    void theWindowFollowsDaylightSavingTime() {
        // 23:00 local on 2026-07-01 is PDT (UTC-7): the window ends 07:00 PDT = 14:00 UTC
        assertThat(night.nextAllowed(Instant.parse("2026-07-02T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-02T14:00:00Z"));
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, LA))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
