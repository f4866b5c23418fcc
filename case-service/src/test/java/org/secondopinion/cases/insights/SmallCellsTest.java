package org.secondopinion.cases.insights;

import org.junit.jupiter.api.Test;
import org.secondopinion.cases.insights.SmallCells.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** No figure under 11, and none from which such a figure could be worked out. */
class SmallCellsTest {

    private final SmallCells cells = new SmallCells(SmallCells.DEFAULT_THRESHOLD);

    private static Row row(String total, Object... nameAndCount) {
        Map<String, Long> map = new LinkedHashMap<>();
        long sum = 0;
        for (int i = 0; i < nameAndCount.length; i += 2) {
            long n = ((Number) nameAndCount[i + 1]).longValue();
            map.put((String) nameAndCount[i], n);
            sum += n;
        }
        return new Row(total, sum, map);
    }

    @Test
    void largeCellsAreShown() {
        assertThat(cells.suppressed(List.of(row("cases", "a", 11, "b", 40, "c", 25)))).isEmpty();
    }

    @Test
    void aCellUnderElevenIsSuppressedAndSoIsTheNextSmallestSoThatItCannotBeRecomputedByDifference() {
        Row decisions = row("cases", "original", 50, "different", 3, "nonSurgical", 20, "waiting", 30);

        Set<String> hidden = cells.suppressed(List.of(decisions));

        assertThat(hidden).containsExactlyInAnyOrder("different", "nonSurgical");
        // what a reader can still compute: total minus the shown cells is the sum of the hidden ones, never one alone
        long shownSum = 50 + 30;
        assertThat(decisions.total() - shownSum).isEqualTo(23).isGreaterThanOrEqualTo(11);
    }

    @Test
    void twoSmallCellsTogetherUnderElevenPullInAThird() {
        // 2 and 4 hidden: their sum 6 (total minus the rest) would itself be a small figure
        Set<String> hidden = cells.suppressed(List.of(row("cases", "a", 2, "b", 4, "c", 30, "d", 60)));
        assertThat(hidden).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void zeroIsUnderElevenToo() {
        assertThat(cells.suppressed(List.of(row("cases", "a", 0, "b", 40, "c", 25)))).contains("a", "c");
    }

    @Test
    void aSmallTotalHidesEverything() {
        Set<String> hidden = cells.suppressed(List.of(row("cases", "a", 4, "b", 5)));
        assertThat(hidden).containsExactlyInAnyOrder("cases", "a", "b");
    }

    @Test
    void aRowOfTwoLosesBothCellsWhenOneIsSmall() {
        // the total (17) still shows: it says how many cases there are, not how they split
        Set<String> hidden = cells.suppressed(List.of(row("cases", "a", 5, "b", 12)));
        assertThat(hidden).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aQuantityHiddenInOneRowIsHiddenInEveryRowItAppearsIn() {
        // "noAnswer" is the same number in both rows; hidden as the complement in the decisions row, it must not be
        // shown in the confidence row either, which then needs a complement of its own
        Row decisions = row("cases", "noAnswer", 15, "original", 5, "different", 40);
        Row confidence = row("cases", "noAnswer", 15, "low", 20, "high", 25);

        Set<String> hidden = cells.suppressed(List.of(decisions, confidence));

        assertThat(hidden).contains("original", "noAnswer", "low");
        assertThat(hidden).doesNotContain("cases", "different", "high");
        for (Row r : List.of(decisions, confidence)) {
            List<String> hiddenInRow = r.cells().keySet().stream().filter(hidden::contains).toList();
            long hiddenSum = hiddenInRow.stream().mapToLong(n -> r.cells().get(n)).sum();
            assertThat(hiddenInRow).hasSizeGreaterThanOrEqualTo(2);
            assertThat(hiddenSum).isGreaterThanOrEqualTo(11);
        }
    }

    @Test
    void everyRowOfAHiddenTotalHidesAtLeastOneCellSoTheCellsDoNotAddUpToIt() {
        Row verdicts = row("cases", "concur", 3, "alternative", 7);
        Row urgency = row("cases", "routine", 5, "urgent", 5);
        Set<String> hidden = cells.suppressed(List.of(verdicts, urgency));
        assertThat(hidden).contains("cases", "concur", "alternative", "routine", "urgent");
    }
}
