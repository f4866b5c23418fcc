package org.secondopinion.specialist.availability;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.LocalDate;
import java.time.LocalTime;

/** A one-off change on one date: the whole date BLOCKED, or an EXTRA window {@code from}–{@code to}. */
@Embeddable
public record AvailabilityException(
        @Column(name = "on_date", nullable = false) LocalDate date,
        @Enumerated(EnumType.STRING) @Column(name = "kind", nullable = false) Kind kind,
        @Column(name = "starts_at") LocalTime from,
        @Column(name = "ends_at") LocalTime to) {

    public enum Kind { BLOCKED, EXTRA }

    public boolean blocked() {
        return kind == Kind.BLOCKED;
    }
}
