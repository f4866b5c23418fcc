package org.secondopinion.cases.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell suppression for published counts (the usual rule for health statistics): a cell under the threshold
 * (11) is never shown as a number, and neither is any figure from which a suppressed cell could be worked out.
 * <p>
 * Figures come as rows: each row is a partition of its total (the cells add up to it), e.g. the cases by decision
 * or by verdict. Cells are named, and a name stands for one quantity wherever it appears (the total of every row is
 * the same {@code cases}; "no answer" is the same number in the row of decisions and in the row of confidence), so
 * hiding a cell in one row hides it in every row. Rules, applied until nothing changes:
 * <ol>
 *   <li>primary: a cell under the threshold is suppressed;</li>
 *   <li>complementary: in a row whose total is shown, the suppressed cells are worked out by difference unless at
 *       least two are suppressed and together they hold at least the threshold (otherwise their sum, total minus the
 *       shown cells, is itself a small figure) — the smallest shown cell is suppressed too until that holds;</li>
 *   <li>when no cell is left to add, the row's total is suppressed;</li>
 *   <li>a suppressed name is suppressed in every row it appears in.</li>
 * </ol>
 * Plain Java: no database, no framework.
 */
public final class SmallCells {

    /** The usual threshold: fewer than 11 cases are not shown. */
    public static final int DEFAULT_THRESHOLD = 11;

    private final int threshold;

    public SmallCells(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold " + threshold);
        }
        this.threshold = threshold;
    }

    /** One partition: {@code total} named {@code totalName}, split into the named {@code cells}. */
    public record Row(String totalName, long total, Map<String, Long> cells) {
        public Row {
            cells = new LinkedHashMap<>(cells);
            long sum = cells.values().stream().mapToLong(Long::longValue).sum();
            if (sum != total) {
                throw new IllegalArgumentException("cells add up to " + sum + ", not the total " + total);
            }
        }
    }

    /** The names of every cell and total that must not be shown. */
    public Set<String> suppressed(List<Row> rows) {
        Set<String> hidden = new HashSet<>();
        for (Row row : rows) {
            if (row.total() < threshold) {
                hidden.add(row.totalName());
            }
            row.cells().forEach((name, count) -> {
                if (count < threshold) {
                    hidden.add(name);
                }
            });
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Row row : rows) {
                changed |= complement(row, hidden);
            }
        }
        return hidden;
    }

    /** Hides more of {@code row} until its suppressed cells cannot be worked out; whether anything was added. */
    private boolean complement(Row row, Set<String> hidden) {
        boolean changed = false;
        if (hidden.contains(row.totalName())) {
            // the total is not shown: the cells must not add up to it either, so one more must go if all others show
            if (row.cells().keySet().stream().noneMatch(hidden::contains) && !row.cells().isEmpty()) {
                changed |= hideSmallestShown(row, hidden);
            }
            return changed;
        }
        while (true) {
            List<String> hiddenCells = row.cells().keySet().stream().filter(hidden::contains).toList();
            if (hiddenCells.isEmpty()) {
                return changed;
            }
            long hiddenSum = hiddenCells.stream().mapToLong(name -> row.cells().get(name)).sum();
            if (hiddenCells.size() >= 2 && hiddenSum >= threshold) {
                return changed;
            }
            if (!hideSmallestShown(row, hidden)) {
                // every cell is hidden and together they are still few: the total would give their sum away
                hidden.add(row.totalName());
                return true;
            }
            changed = true;
        }
    }

    private static boolean hideSmallestShown(Row row, Set<String> hidden) {
        List<Map.Entry<String, Long>> shown = new ArrayList<>(row.cells().entrySet().stream()
                .filter(e -> !hidden.contains(e.getKey())).toList());
        if (shown.isEmpty()) {
            return false;
        }
        shown.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        hidden.add(shown.get(0).getKey());
        return true;
    }
}
