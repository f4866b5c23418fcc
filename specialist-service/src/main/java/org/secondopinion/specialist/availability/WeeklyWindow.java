package org.secondopinion.specialist.availability;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** Every {@code day}, {@code from} until {@code to}, wall-clock time of the availability's zone. */
@Embeddable
public record WeeklyWindow(
        @Enumerated(EnumType.STRING) @Column(name = "day_of_week", nullable = false) DayOfWeek day,
        @Column(name = "starts_at", nullable = false) LocalTime from,
        @Column(name = "ends_at", nullable = false) LocalTime to) {
}
