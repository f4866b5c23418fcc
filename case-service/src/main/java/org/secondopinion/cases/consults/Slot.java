package org.secondopinion.cases.consults;

import java.time.Instant;

/** A bookable time, start inclusive, end exclusive. */
public record Slot(Instant start, Instant end) {

    /** Whether the two overlap once this one is widened by {@code buffer} on both sides. */
    public boolean overlaps(Slot other, java.time.Duration buffer) {
        return start.minus(buffer).isBefore(other.end) && other.start.isBefore(end.plus(buffer));
    }
}
