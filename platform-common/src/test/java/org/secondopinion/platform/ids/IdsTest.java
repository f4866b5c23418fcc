package org.secondopinion.platform.ids;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** New ids sort by creation time, so that inserts keyed by them stay on an index's right edge. */
class IdsTest {

    @Test
    void idsAreVersion7WithTheCreationMillisecondInFront() {
        long before = System.currentTimeMillis();
        UUID id = Ids.newId();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfterEarlierOnesAndNeverRepeat() {
        List<UUID> made = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 1_000; i++) {
                made.add(Ids.newId());
            }
            long millisecond = System.currentTimeMillis();
            while (System.currentTimeMillis() <= millisecond) {
                Thread.onSpinWait(); // the next round's ids in a later millisecond
            }
        }
        assertThat(new HashSet<>(made)).hasSameSizeAs(made);
        // PostgreSQL orders uuid columns bytewise, as an unsigned comparison of the two halves
        for (int i = 1; i < made.size(); i++) {
            long previous = made.get(i - 1).getMostSignificantBits() >>> 16;
            long current = made.get(i).getMostSignificantBits() >>> 16;
            assertThat(current).isGreaterThanOrEqualTo(previous);
        }
        UUID first = made.get(0);
        UUID last = made.get(made.size() - 1);
        assertThat(Long.compareUnsigned(last.getMostSignificantBits(), first.getMostSignificantBits())).isPositive();
        assertThat(first.toString().compareTo(last.toString())).isNegative();
    }
}
