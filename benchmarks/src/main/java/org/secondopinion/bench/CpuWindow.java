package org.secondopinion.bench;

import java.util.Map;
import java.util.TreeMap;

/** CPU seconds used by each kind of process between {@link #open()} and {@link #close()}. */
final class CpuWindow {

    private final Map<Long, ProcStats.Usage> before;
    private final long startedNanos;
    private Map<String, Double> used;
    private double seconds;

    private CpuWindow() {
        before = ProcStats.cpuByPid();
        startedNanos = System.nanoTime();
    }

    static CpuWindow open() {
        return new CpuWindow();
    }

    CpuWindow close() {
        seconds = (System.nanoTime() - startedNanos) / 1e9;
        used = new TreeMap<>();
        // per process, so that processes ending or starting in between don't count what they used outside the window
        ProcStats.cpuByPid().forEach((pid, now) -> {
            ProcStats.Usage then = before.get(pid);
            double since = then == null ? now.cpuSeconds() : now.cpuSeconds() - then.cpuSeconds();
            used.merge(now.kind(), since, Double::sum);
        });
        return this;
    }

    /** CPU seconds of the platform's processes (the stack, its infrastructure and the load generator). */
    double total() {
        return used.entrySet().stream().filter(e -> !e.getKey().equals(ProcStats.OTHER))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Cores busy on average (of this machine's {@code nproc}). */
    double cores() {
        return total() / seconds;
    }

    /** A table of CPU milliseconds per unit of work (e.g. per case), by process kind, biggest first. */
    Table perUnit(String title, String unit, int units) {
        Table table = new Table(title, "process", "CPU ms per " + unit, "cores busy");
        used.entrySet().stream().filter(e -> e.getValue() > 0.005)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> table.row(e.getKey(), e.getValue() * 1000 / Math.max(1, units), e.getValue() / seconds));
        table.row("**platform and load generator**", total() * 1000 / Math.max(1, units), cores());
        return table;
    }
}
