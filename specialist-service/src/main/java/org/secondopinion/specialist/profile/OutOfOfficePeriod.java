package org.secondopinion.specialist.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.LocalDate;

/**
 * Days a specialist takes no new cases (holiday, conference), both ends inclusive, as days of the specialist's own
 * calendar. A value: a change replaces the specialist's whole list (see {@link OutOfOfficeRules}).
 *
 * @param note the specialist's own reminder (e.g. "conference"); shown to them and to admins only
 */
@Embeddable
public record OutOfOfficePeriod(
        @Column(name = "starts_on", nullable = false) LocalDate startsOn,
        @Column(name = "ends_on", nullable = false) LocalDate endsOn,
        @Column(name = "note") String note) {

    public boolean includes(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }

    public boolean overlaps(OutOfOfficePeriod other) {
        return !other.endsOn.isBefore(startsOn) && !other.startsOn.isAfter(endsOn);
    }
}
