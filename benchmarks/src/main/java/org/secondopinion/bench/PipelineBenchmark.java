package org.secondopinion.bench;

import io.vertx.core.http.HttpMethod;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Issue 21 target 3. Steps of rising steady rates; at each, every case must be offered and every notification it
 * causes (the patient's "we received your case" and the specialist's "a new case is waiting", each in the feed and by
 * e-mail) delivered within 1 s of the submit answer. Then the highest passing rate again for the full time, and the
 * platform's queues and memory before and after: consumer lag, outbox backlog, heap and RSS.
 */
final class PipelineBenchmark {

    static final double DEADLINE_MS = 1000;
    private static final int SEARCH_SECONDS = 30;

    private PipelineBenchmark() {
    }

    record Step(double rate, int seconds, int submitted, int offered, int notified, double p99Ms, double maxMs,
                int failedRequests) {
        boolean passed() {
            return failedRequests == 0 && offered == submitted && notified == submitted && maxMs <= DEADLINE_MS;
        }
    }

    static void run(Target target, Options options) {
        try (Http http = new Http(128);
             TopicWatcher offers = new TopicWatcher(target.kafkaBootstrap(), "matching-events",
                     Set.of("match.offered.v1", "match.failed.v1"))) {
            // e-mail on, so that every notification also goes out over SMTP (the stack's mail server)
            for (String user : List.of("patient1", "specialist1")) {
                Http.Answer saved = http.send(HttpMethod.PUT, target.serviceUrl("notification-service")
                                + "/api/v1/notification-preferences", target.token(user),
                        "{\"email\": \"" + user + "@example.org\"}").toCompletableFuture().join();
                CaseFlow.expect(saved, 200, "saving " + user + "'s preferences");
            }
            CaseFlow flow = new CaseFlow(http, target.serviceUrl("case-service"), target.token("patient1"));
            System.out.printf("pipeline: warming up for %ds at %.0f cases/s ...%n", options.warmupSeconds(),
                    options.rates().get(0));
            OpenLoop.collect(OpenLoop.run(options.rates().get(0), options.warmupSeconds(), flow::createAndSubmit), 60,
                    new int[1]);
            IntakeBenchmark.settle(target);
            Queues before = Queues.read(target);

            Table steps = new Table("Pipeline steps (" + SEARCH_SECONDS + " s each): every case offered and every "
                    + "notification delivered within " + (int) DEADLINE_MS + " ms of the submit answer",
                    "cases/s", "submitted", "offered", "all notified", "p99 ms", "max ms", "failed requests", "passed");
            Step best = null;
            for (double rate : options.rates()) {
                Step step = step(target, flow, offers, rate, SEARCH_SECONDS);
                steps.row(rate, step.submitted(), step.offered(), step.notified(), step.p99Ms(), step.maxMs(),
                        step.failedRequests(), step.passed() ? "yes" : "no");
                IntakeBenchmark.settle(target);
                if (!step.passed()) {
                    break;
                }
                best = step;
            }
            steps.print();
            if (best == null) {
                System.out.println("no rate passed");
                return;
            }
            System.out.printf("pipeline: confirming %.0f cases/s for %ds ...%n", best.rate(), options.seconds());
            CpuWindow cpu = CpuWindow.open();
            Step confirmed = step(target, flow, offers, best.rate(), options.seconds());
            cpu.close();
            Waits.pause(10_000);
            Queues after = Queues.read(target);
            new Table("Sustained pipeline: " + Table.format(confirmed.rate()) + " cases/s for " + options.seconds() + " s",
                    "cases/s", "submitted", "offered", "all notified", "p99 ms", "max ms", "passed")
                    .row(confirmed.rate(), confirmed.submitted(), confirmed.offered(), confirmed.notified(),
                            confirmed.p99Ms(), confirmed.maxMs(), confirmed.passed() ? "yes" : "no")
                    .print();
            cpu.perUnit("CPU per case during the sustained run", "case", confirmed.submitted()).print();
            Queues.compare(before, after).print();
        }
    }

    static Step step(Target target, CaseFlow flow, TopicWatcher offers, double rate, int seconds) {
        List<CompletableFuture<CaseFlow.Submitted>> started = OpenLoop.run(rate, seconds, flow::createAndSubmit);
        int[] failed = new int[1];
        List<CaseFlow.Submitted> submitted = OpenLoop.collect(started, 60, failed);
        EventPathBenchmark.Outcome outcome = EventPathBenchmark.Outcome.await(submitted, offers, 15);
        Waits.pause(2_000); // the last notifications' e-mail
        Latencies notified = notificationTimes(target, submitted);
        return new Step(rate, seconds, submitted.size(), outcome.offered(), notified.count(),
                notified.percentileMillis(0.99), notified.maxMillis(), started.size() - submitted.size());
    }

    /**
     * Per case, the time from the submit answer until its last notification was in the feed and its last e-mail sent;
     * a case counts only if all four are there (two feed items, two e-mails) and every e-mail was SENT.
     */
    static Latencies notificationTimes(Target target, List<CaseFlow.Submitted> submitted) {
        Map<String, CaseFlow.Submitted> byReference = submitted.stream()
                .collect(Collectors.toMap(CaseFlow.Submitted::reference, s -> s));
        Map<String, long[]> seen = new HashMap<>(); // reference -> {count, latest epoch ms}
        String[] queries = {
                "SELECT case_reference, created_at FROM notification WHERE case_reference = ANY (?)",
                "SELECT case_reference, sent_at FROM delivery WHERE status = 'SENT' AND case_reference = ANY (?)"};
        try (Connection c = DriverManager.getConnection(target.jdbcUrl("notification_db"), "postgres", "")) {
            for (String query : queries) {
                try (PreparedStatement s = c.prepareStatement(query)) {
                    s.setArray(1, c.createArrayOf("varchar", byReference.keySet().toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            long[] entry = seen.computeIfAbsent(rs.getString(1), r -> new long[2]);
                            entry[0]++;
                            entry[1] = Math.max(entry[1], rs.getTimestamp(2).getTime());
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Latencies latencies = new Latencies();
        byReference.forEach((reference, s) -> {
            long[] entry = seen.get(reference);
            if (entry != null && entry[0] == 4) {
                latencies.record(Math.max(0, entry[1] - s.submittedAtMillis()) * 1_000_000L);
            }
        });
        return latencies;
    }

    /** Consumer lag, outbox backlog, heap and RSS of each service at one moment. */
    record Queues(Map<String, Long> lag, Map<String, Long> backlog, Map<String, Double> heapMib,
                  Map<String, Double> rssMib) {

        static Queues read(Target target) {
            Map<String, Long> lag = new HashMap<>();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap()))) {
                for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> ends = committed.keySet().stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                    var endOffsets = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
                    long total = committed.entrySet().stream().filter(e -> e.getValue() != null)
                            .mapToLong(e -> endOffsets.get(e.getKey()).offset() - e.getValue().offset()).sum();
                    lag.put(group.groupId(), total);
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not read consumer lag: " + e, e);
            }
            Map<String, Long> backlog = new HashMap<>();
            for (String db : List.of("case_db", "specialist_db", "matching_db")) {
                try (Connection c = DriverManager.getConnection(target.jdbcUrl(db), "postgres", "");
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")) {
                    rs.next();
                    backlog.put(db, rs.getLong(1));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            Map<String, Double> heap = new HashMap<>();
            Map<String, Double> rss = new HashMap<>();
            for (String service : Target.SERVICES) {
                heap.put(service, Metrics.heapUsedMib(target.serviceUrl(service)));
                rss.put(service, ProcStats.rssMib(target.pid(service)));
            }
            return new Queues(lag, backlog, heap, rss);
        }

        /** No consumer group lags and no outbox holds unpublished events. */
        static boolean drained(Target target) {
            try {
                Queues now = read(target);
                return now.lag().values().stream().allMatch(l -> l == 0)
                        && now.backlog().values().stream().allMatch(b -> b == 0);
            } catch (RuntimeException e) {
                return false;
            }
        }

        static Table compare(Queues before, Queues after) {
            Table table = new Table("Queues and memory before the steps and 10 s after the sustained run",
                    "what", "before", "after");
            before.lag().keySet().stream().sorted().forEach(g ->
                    table.row("consumer lag, group " + g, before.lag().get(g), after.lag().getOrDefault(g, -1L)));
            before.backlog().keySet().stream().sorted().forEach(db ->
                    table.row("outbox backlog, " + db, before.backlog().get(db), after.backlog().get(db)));
            Target.SERVICES.forEach(s -> table.row("heap used MiB, " + s, before.heapMib().get(s), after.heapMib().get(s)));
            Target.SERVICES.forEach(s -> table.row("RSS MiB, " + s, before.rssMib().get(s), after.rssMib().get(s)));
            return table;
        }
    }
}
