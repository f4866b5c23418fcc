package org.secondopinion.bench;

import java.util.ArrayList;
import java.util.List;

/** A result table printed as Markdown, so that it can be pasted into docs/PERFORMANCE.md as it is. */
final class Table {

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(format(cell));
        }
        rows.add(row);
        return this;
    }

    static String format(Object cell) {
        if (cell instanceof Double d) {
            if (d.isNaN()) {
                return "–";
            }
            double abs = Math.abs(d);
            return abs >= 100 ? String.format("%,.0f", d) : abs >= 10 ? String.format("%.1f", d) : String.format("%.2f", d);
        }
        return String.valueOf(cell);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("\n### ").append(title).append("\n\n");
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    void print() {
        System.out.print(this);
        System.out.flush();
    }
}
