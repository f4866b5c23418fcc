package org.secondopinion.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Issue 21 target 2. Cases submitted at a steady rate; for each, the time from the submit answer to its
 * {@code match.offered} event on Kafka (published by matching's outbox relay once the offer is committed, so the
 * offer is visible from then on). Beside it, a plain Kafka producer/consumer pair's produce → consume time on the
 * same broker at the same rate.
 */
final class EventPathBenchmark {

    private EventPathBenchmark() {
    }

    static void run(Target target, Options options) {
        try (Http http = new Http(64);
             TopicWatcher offers = new TopicWatcher(target.kafkaBootstrap(), "matching-events",
                     Set.of("match.offered.v1", "match.failed.v1"));
             TopicWatcher submits = new TopicWatcher(target.kafkaBootstrap(), "case-events",
                     Set.of("case.submitted.v1"))) {
            CaseFlow flow = new CaseFlow(http, target.serviceUrl("case-service"), target.token("patient1"));
            System.out.print("event path: ");
            int warmedUp = JitWarmup.untilSettled(options.rate(), options.warmupSeconds(), options.warmupMaxSeconds(),
                    flow::createAndSubmit);
            // straight on at the same rate, without a pause for the platform to drain: "steady" means the load goes
            // on. After a pause of a few seconds, the slowest 1 % of a run came from its first five seconds
            // (docs/PERFORMANCE.md): a start after idling, not the steady state this measures

            System.out.printf("event path: measuring for %ds at %.0f cases/s ...%n", options.seconds(), options.rate());
            CpuWindow cpu = CpuWindow.open();
            List<CompletableFuture<CaseFlow.Submitted>> started =
                    OpenLoop.run(options.rate(), options.seconds(), flow::createAndSubmit);
            int[] failed = new int[1];
            List<CaseFlow.Submitted> submitted = OpenLoop.collect(started, 60, failed);
            Outcome outcome = Outcome.await(submitted, offers, 30);
            cpu.close();

            IntakeBenchmark.settle(target);
            System.out.printf("event path: raw Kafka reference for %ds at %.0f records/s ...%n", options.seconds(), options.rate());
            Latencies raw = RawKafka.produceToConsume(target.kafkaBootstrap(), options.rate(), options.seconds());

            new Table("Event path at " + Table.format(options.rate()) + " cases/s for " + options.seconds()
                    + " s after " + warmedUp + " s of warm-up: submit answered → match.offered on Kafka", "what", "n", "p50 ms", "p99 ms", "max ms",
                    "p99 / reference p99")
                    .row("submit → offer visible", outcome.latencies().count(), outcome.latencies().percentileMillis(0.5),
                            outcome.latencies().percentileMillis(0.99), outcome.latencies().maxMillis(),
                            String.format("%.1f ×", outcome.latencies().percentileMillis(0.99) / raw.percentileMillis(0.99)))
                    .row("reference: plain producer → consumer, same broker, same rate", raw.count(),
                            raw.percentileMillis(0.5), raw.percentileMillis(0.99), raw.maxMillis(), "1 ×")
                    .print();
            System.out.printf("cases started %d, submitted %d, offered %d, unmatched %d, undecided %d, failed requests %d%n",
                    started.size(), submitted.size(), outcome.offered(), outcome.unmatched(), outcome.undecided(), failed[0]);
            cpu.perUnit("CPU per case during the event-path run", "case", submitted.size()).print();
            HopBreakdown.print(submitted.stream()
                    .map(c -> new TopicWatcher.Seen[]{submits.first(c.caseId()), offers.first(c.caseId())})
                    .filter(seen -> seen[0] != null && seen[1] != null && seen[1].type().equals("match.offered.v1"))
                    .map(seen -> HopBreakdown.of(seen[0], seen[1])).toList());
        }
    }

    /** What became of submitted cases: offered (with the time it took), unmatched, or nothing yet. */
    record Outcome(Latencies latencies, int offered, int unmatched, int undecided) {

        static Outcome await(List<CaseFlow.Submitted> submitted, TopicWatcher watcher, int waitSeconds) {
            Waits.until(waitSeconds, () -> submitted.stream().allMatch(s -> watcher.first(s.caseId()) != null));
            Latencies latencies = new Latencies();
            int offered = 0;
            int unmatched = 0;
            int undecided = 0;
            for (CaseFlow.Submitted s : submitted) {
                TopicWatcher.Seen seen = watcher.first(s.caseId());
                if (seen == null) {
                    undecided++;
                } else if (seen.type().equals("match.offered.v1")) {
                    offered++;
                    latencies.record(Math.max(0, seen.nanos() - s.submittedAtNanos()));
                } else {
                    unmatched++;
                }
            }
            return new Outcome(latencies, offered, unmatched, undecided);
        }
    }
}
