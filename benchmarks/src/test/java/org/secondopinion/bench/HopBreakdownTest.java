package org.secondopinion.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HopBreakdownTest {

    private static HopBreakdown.Case raisedAt(double millis, double total) {
        return new HopBreakdown.Case(new double[]{0, 0, 0, 0}, total, millis);
    }

    @Test
    void theTailIsCountedBySecondOfTheRunSoThatAStallShowsAsOneCrowdedSecond() {
        HopBreakdown.Case first = raisedAt(10_000, 5);
        List<HopBreakdown.Case> tail = List.of(raisedAt(13_100, 400), raisedAt(13_900, 390), raisedAt(13_500, 380),
                raisedAt(47_000, 200));

        String line = HopBreakdown.whenTheTailHappened(
                List.of(first, tail.get(0), tail.get(1), tail.get(2), tail.get(3)), tail);

        assertThat(line).isEqualTo("the slowest 1 % (4 cases) were raised in 2 distinct seconds of the run: "
                + "3 s (3) 37 s (1)");
    }
}
