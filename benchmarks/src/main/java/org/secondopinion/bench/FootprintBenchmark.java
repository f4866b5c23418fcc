package org.secondopinion.bench;

import org.secondopinion.stack.LocalStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 21 target 4. The stack's start (fresh: empty data folder, demo directory seeded; warm: the same data again),
 * each service's resident memory when idle, and each service started alone (the others stopped) until ready.
 */
final class FootprintBenchmark {

    private static final int ALONE_RUNS = 3;

    private FootprintBenchmark() {
    }

    static void run(Path root, Options options) {
        Path data = root.resolve("benchmarks/target/stack");
        Table starts = new Table("Start of the whole stack (PostgreSQL, Kafka, issuer, mail, five services) until every"
                + " service is ready", "start", "seconds");
        Table idle = new Table("Idle services 20 s after the stack was ready", "service", "RSS MiB", "heap used MiB");
        Table alone = new Table("Each service started alone (infrastructure running, other services stopped), "
                + ALONE_RUNS + " starts", "service", "ready s (best)", "ready s (median)", "RSS MiB 10 s after ready");

        long began = System.nanoTime();
        LocalStack fresh = LocalStack.start(options(root, data).fresh(true).demoSpecialists(options.specialists()));
        starts.row("fresh (empty data folder, " + options.specialists() + " demo specialists seeded)",
                (System.nanoTime() - began) / 1e9);
        fresh.close();

        began = System.nanoTime();
        try (LocalStack warm = LocalStack.start(options(root, data).fresh(false))) {
            starts.row("warm (same data folder again)", (System.nanoTime() - began) / 1e9);
            Waits.pause(20_000);
            for (String service : Target.SERVICES) {
                long pid = ProcStats.findJvm(service, port(warm, service)).orElseThrow();
                idle.row(service, ProcStats.rssMib(pid), Metrics.heapUsedMib(warm.serviceUrl(service)));
            }
            Target.SERVICES.forEach(warm::stopService);
            for (String service : Target.SERVICES) {
                List<Double> seconds = new ArrayList<>();
                double rss = Double.NaN;
                for (int i = 0; i < ALONE_RUNS; i++) {
                    long started = System.nanoTime();
                    warm.startService(service);
                    seconds.add((System.nanoTime() - started) / 1e9);
                    Waits.pause(10_000);
                    rss = ProcStats.rssMib(ProcStats.findJvm(service, port(warm, service)).orElseThrow());
                    warm.stopService(service);
                }
                seconds.sort(Double::compare);
                alone.row(service, seconds.get(0), seconds.get(seconds.size() / 2), rss);
            }
        }
        starts.print();
        idle.print();
        alone.print();
    }

    private static LocalStack.Options options(Path root, Path data) {
        return LocalStack.Options.defaults().repoRoot(root).dataDir(data).anyFreeServicePorts().postgresPort(0)
                .kafkaPort(0).oidcPort(0).mailPorts(0, 0).demoData(true).readyTimeout(Duration.ofMinutes(5));
    }

    private static int port(LocalStack stack, String service) {
        return Integer.parseInt(stack.serviceUrl(service).replaceAll(".*:(\\d+)/?$", "$1"));
    }
}
