package org.secondopinion.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code benchmarks/run <intake | event-path | pipeline | footprint | recovery | insights> [--attach] [options]}; see benchmarks/README.md.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: benchmarks/run <intake|event-path|pipeline|footprint|recovery|insights> [--attach]"
                    + " [--clients N] [--seconds S] [--warmup S] [--warmup-max S] [--rate R] [--rates R1,R2,...] [--specialists N]"
                    + " [--cases N] [--statements]");
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("so.repo.root", ".")).toAbsolutePath().normalize();
        System.out.printf("# %s benchmark, %s, %d cores, %s%n", options.benchmark(),
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        if (options.benchmark().equals("footprint")) {
            FootprintBenchmark.run(root, options);
            return;
        }
        try (Target target = options.attach() ? Target.attach() : Target.start(root, options)) {
            if (!target.attached()) {
                System.out.printf("fresh stack ready in %.1f s%n", target.startup().toMillis() / 1000.0);
            }
            switch (options.benchmark()) {
                case "intake" -> IntakeBenchmark.run(target, options);
                case "event-path" -> EventPathBenchmark.run(target, options);
                case "pipeline" -> PipelineBenchmark.run(target, options);
                case "recovery" -> RecoveryBenchmark.run(target, options);
                case "insights" -> InsightsBenchmark.run(target, options);
                default -> throw new IllegalStateException(options.benchmark());
            }
        }
        System.exit(0);
    }
}
