package org.secondopinion.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where a case's submit → offer time goes, hop by hop, from the moments the events carry: the envelope's
 * {@code time} (raised in the producing transaction), the Kafka record's CreateTime (sent by that service's outbox
 * relay) and the arrival at the benchmark's consumer. All are wall-clock milliseconds of this one machine; the record
 * timestamps have millisecond resolution. Beside each hop's p50 and p99, its mean over the slowest 1 % of cases
 * (by the whole path) says which hop makes the tail.
 */
final class HopBreakdown {

    private static final String[] HOPS = {
            "case-service: case.submitted raised → sent (commit, relay wake, claim, produce)",
            "broker + matching: case.submitted sent → match.offered raised (fetch, inbox, ranking)",
            "matching: match.offered raised → sent (commit, relay wake, claim, produce)",
            "broker → a plain consumer: match.offered sent → received",
    };

    private HopBreakdown() {
    }

    /** One case's hops in milliseconds, in the order of {@link #HOPS}, and its whole path. */
    record Case(double[] hops, double total, double raisedMillis) {
    }

    static Case of(TopicWatcher.Seen submitted, TopicWatcher.Seen offered) {
        double[] hops = {
                submitted.sentMillis() - submitted.raisedMillis(),
                offered.raisedMillis() - submitted.sentMillis(),
                offered.sentMillis() - offered.raisedMillis(),
                offered.receivedMillis() - offered.sentMillis(),
        };
        return new Case(hops, offered.receivedMillis() - submitted.raisedMillis(), submitted.raisedMillis());
    }

    static void print(List<Case> cases) {
        List<Case> usable = cases.stream().filter(c -> Arrays.stream(c.hops()).noneMatch(Double::isNaN)).toList();
        if (usable.isEmpty()) {
            System.out.println("(no case had both events: no hop breakdown)");
            return;
        }
        List<Case> slowest = new ArrayList<>(usable);
        slowest.sort(Comparator.comparingDouble(Case::total).reversed());
        List<Case> tail = slowest.subList(0, Math.max(1, usable.size() / 100));
        Table table = new Table("Where the event path's time goes (" + usable.size() + " cases; ms, wall clock)",
                "hop", "p50", "p99", "mean in the slowest 1 %");
        for (int i = 0; i < HOPS.length; i++) {
            int hop = i;
            table.row(HOPS[i], percentile(usable, c -> c.hops()[hop], 0.5), percentile(usable, c -> c.hops()[hop], 0.99),
                    tail.stream().mapToDouble(c -> c.hops()[hop]).average().orElse(Double.NaN));
        }
        table.row("whole path: case.submitted raised → match.offered received", percentile(usable, Case::total, 0.5),
                percentile(usable, Case::total, 0.99), tail.stream().mapToDouble(Case::total).average().orElse(Double.NaN));
        table.print();
        System.out.println(whenTheTailHappened(usable, tail));
    }

    /**
     * When the slowest 1 % were raised, by second of the run: a few crowded seconds mean stalls (a pause, a
     * periodic job, a neighbour's burst), many seconds with one case each mean queueing spread over the run.
     */
    static String whenTheTailHappened(List<Case> all, List<Case> tail) {
        double start = all.stream().mapToDouble(Case::raisedMillis).min().orElse(0);
        java.util.TreeMap<Long, Integer> bySecond = new java.util.TreeMap<>();
        tail.forEach(c -> bySecond.merge((long) ((c.raisedMillis() - start) / 1000), 1, Integer::sum));
        StringBuilder line = new StringBuilder("the slowest 1 % (" + tail.size() + " cases) were raised in "
                + bySecond.size() + " distinct seconds of the run:");
        bySecond.forEach((second, n) -> line.append(' ').append(second).append(" s (").append(n).append(')'));
        return line.toString();
    }

    private static double percentile(List<Case> cases, java.util.function.ToDoubleFunction<Case> value, double q) {
        double[] sorted = cases.stream().mapToDouble(value).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
