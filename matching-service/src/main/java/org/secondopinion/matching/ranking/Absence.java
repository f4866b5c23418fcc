package org.secondopinion.matching.ranking;

import java.time.LocalDate;

/**
 * Days a specialist is out of office, both ends inclusive (from the directory's snapshot). Our own type rather than
 * the event's, so that the ranking does not change with the event catalogue.
 */
public record Absence(LocalDate from, LocalDate to) {

    public boolean includes(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
