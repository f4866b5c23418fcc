package org.secondopinion.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Load at a steady rate until the platform's JVMs stop compiling: in rounds of {@value #ROUND_SECONDS} s, at least
 * the minimum and at most the maximum time, until in a round every JVM of the platform (the services, the broker, the
 * launcher, this load generator) spent less than {@value #SETTLED_SHARE_PERCENT} % of one core in its JIT compiler
 * threads (their CPU time read from {@code /proc/<pid>/task/<tid>/stat}).
 * <p>
 * A fixed warm-up was not enough: five JVMs compiling side by side on two cores took about 20 minutes at 50 cases/s
 * to settle (C2 was 29–35 % of a service's CPU after 5 minutes), and a latency measured before that measures the JIT.
 */
final class JitWarmup {

    static final int ROUND_SECONDS = 30;
    static final int SETTLED_SHARE_PERCENT = 2;

    private JitWarmup() {
    }

    /** Returns the seconds it took; prints each round's compiler CPU share per JVM. */
    static <T> int untilSettled(double rate, int minSeconds, int maxSeconds, Supplier<CompletionStage<T>> operation) {
        System.out.printf("warming up at %.0f/s in %d s rounds until no JVM compiles more than %d %% of a core"
                + " (at least %d s, at most %d s) ...%n", rate, ROUND_SECONDS, SETTLED_SHARE_PERCENT, minSeconds,
                maxSeconds);
        int elapsed = 0;
        while (true) {
            CompilerWindow compilers = CompilerWindow.open();
            OpenLoop.collect(OpenLoop.run(rate, ROUND_SECONDS, operation), 60, new int[1]);
            compilers.close();
            elapsed += ROUND_SECONDS;
            System.out.printf("  %4d s: JIT compiler threads' share of a core:%s%n", elapsed, compilers);
            if (elapsed >= minSeconds && compilers.highest() < SETTLED_SHARE_PERCENT) {
                System.out.printf("  settled after %d s%n", elapsed);
                return elapsed;
            }
            if (elapsed >= maxSeconds) {
                System.out.printf("  NOT settled after %d s (the figures below include the JIT's warm-up)%n", elapsed);
                return elapsed;
            }
        }
    }

    /** The JIT compiler threads' share of a core, per JVM, between {@link #open()} and {@link #close()}. */
    static final class CompilerWindow {
        private final Map<Long, CompilerThread> before = compilerSecondsByThread();
        private final long started = System.nanoTime();
        private Map<String, Double> share;

        static CompilerWindow open() {
            return new CompilerWindow();
        }

        CompilerWindow close() {
            share = shareByJvm(before, compilerSecondsByThread(), (System.nanoTime() - started) / 1e9);
            return this;
        }

        /** The busiest JVM's compilers, in percent of one core. */
        double highest() {
            return share.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        @Override
        public String toString() {
            StringBuilder line = new StringBuilder();
            share.forEach((kind, percent) -> line.append(String.format(" %s %.1f %%;", kind, percent)));
            return line.toString();
        }
    }

    /** A compiler thread's CPU seconds so far, and the kind of JVM it belongs to. */
    private record CompilerThread(String jvm, double seconds) {
    }

    /** Percent of one core each JVM kind's compiler threads used between the two readings. */
    private static Map<String, Double> shareByJvm(Map<Long, CompilerThread> before, Map<Long, CompilerThread> after,
                                                  double seconds) {
        Map<String, Double> byKind = new TreeMap<>();
        after.forEach((tid, thread) -> {
            // a thread started in the round counts whole; one that ended in it is lost (HotSpot rarely retires them)
            CompilerThread earlier = before.get(tid);
            double used = thread.seconds() - (earlier == null ? 0 : earlier.seconds());
            byKind.merge(thread.jvm(), used * 100 / seconds, Double::sum);
        });
        return byKind;
    }

    /** Every JIT compiler thread ("C1/C2 CompilerThre…") of the platform's JVMs, by tid. */
    private static Map<Long, CompilerThread> compilerSecondsByThread() {
        Map<Long, CompilerThread> byTid = new HashMap<>();
        ProcStats.cpuByPid().forEach((pid, usage) -> {
            if (!usage.kind().equals(ProcStats.OTHER) && !usage.kind().equals("postgres")) {
                ProcStats.threadCpuSeconds(pid, "CompilerThre").forEach((tid, cpu) ->
                        byTid.put(tid, new CompilerThread(usage.kind(), cpu)));
            }
        });
        return byTid;
    }
}
