package org.secondopinion.bench;

import org.secondopinion.stack.LocalStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 19: how soon a consumer is back at work after a crash, per consumer-group setting. matching-service runs as
 * one instance with the setting under test; it is SIGKILLed and started again (as Kubernetes restarts a crashed
 * container), a case is submitted the moment it is ready, and the time from ready to that case's offer on
 * matching-events is what the setting costs. Then the broker is SIGKILLed and restarted, and a case submitted the
 * moment it is back shows how soon producers (the outbox relay) and consumers recover from that.
 */
final class RecoveryBenchmark {

    private static final int RUNS = 2;
    private static final String SERVICE = "matching-service";
    private static final Set<String> DECISIONS = Set.of("match.offered.v1", "match.failed.v1");

    private RecoveryBenchmark() {
    }

    /** A consumer setting: environment of the matching-service instance. */
    record Setting(String name, Map<String, String> environment) {
    }

    static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("dynamic membership, session timeout 45 s (Kafka's default)",
                env("", "classic", "45s")));
        settings.add(new Setting("dynamic membership, session timeout 10 s", env("", "classic", "10s")));
        settings.add(new Setting("static membership (pod name), session timeout 10 s: the default",
                env("matching-static", "classic", "10s")));
        settings.add(new Setting("KIP-848 consumer protocol, dynamic membership", env("", "consumer", null)));
        settings.add(new Setting("KIP-848 consumer protocol, static membership", env("matching-848", "consumer", null)));
        return settings;
    }

    private static Map<String, String> env(String instanceId, String protocol, String sessionTimeout) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SO_EVENTS_INSTANCE_ID", instanceId); // empty: dynamic membership
        env.put("SO_EVENTS_GROUP_PROTOCOL", protocol);
        if (sessionTimeout != null) {
            env.put("SO_EVENTS_SESSION_TIMEOUT", sessionTimeout);
        }
        return env;
    }

    static void run(Target target, Options options) {
        LocalStack stack = target.stack();
        Table table = new Table("Recovery of matching-service's consumer: SIGKILL, restart at once, a case submitted "
                + "the moment it is ready (" + RUNS + " runs each)", "setting", "restart until ready s",
                "ready → the case offered s (each run)", "worst s");
        try (Http http = new Http(8);
             TopicWatcher watcher = new TopicWatcher(target.kafkaBootstrap(), "matching-events", DECISIONS)) {
            CaseFlow flow = new CaseFlow(http, target.serviceUrl("case-service"), target.token("patient1"));
            stack.stopService(SERVICE);
            for (Setting setting : settings()) {
                System.out.println("recovery: " + setting.name() + " ...");
                LocalStack.Replica instance = stack.startReplica(SERVICE, setting.environment());
                try {
                    // the group settles on this instance (a previous setting's static member times out first)
                    offeredWithin(flow, watcher, 180);
                    List<Double> afterReady = new ArrayList<>();
                    double restart = 0;
                    for (int run = 0; run < RUNS; run++) {
                        instance.kill();
                        long killed = System.nanoTime();
                        instance.start(Duration.ofMinutes(5));
                        long ready = System.nanoTime();
                        restart = Math.max(restart, (ready - killed) / 1e9);
                        double seconds = offeredWithin(flow, watcher, 180);
                        afterReady.add(seconds < 0 ? Double.NaN : seconds); // measured from right after ready
                    }
                    table.row(setting.name(), restart, join(afterReady),
                            afterReady.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
                } finally {
                    instance.close();
                }
            }
            stack.startService(SERVICE);
            offeredWithin(flow, watcher, 180);
            Table broker = new Table("Recovery from a broker crash: SIGKILL, restart at once, a case submitted the "
                    + "moment it is back (" + RUNS + " runs)", "run", "broker back after s", "back → the case offered s");
            for (int run = 1; run <= RUNS; run++) {
                long killed = System.nanoTime();
                stack.kafka().kill();
                stack.kafka().restart();
                long back = System.nanoTime();
                offeredWithin(flow, watcher, 300);
                broker.row(run, (back - killed) / 1e9, (System.nanoTime() - back) / 1e9);
            }
            table.print();
            broker.print();
        }
    }

    /**
     * Submits a case (retrying while case-service cannot answer) and waits for its decision.
     *
     * @return seconds from the call to the decision, or -1 if none came within the limit
     */
    private static double offeredWithin(CaseFlow flow, TopicWatcher watcher, int limitSeconds) {
        long began = System.nanoTime();
        CaseFlow.Submitted submitted = null;
        while (submitted == null && System.nanoTime() - began < limitSeconds * 1_000_000_000L) {
            try {
                submitted = flow.createAndSubmit().toCompletableFuture().join();
            } catch (RuntimeException e) {
                Waits.pause(200); // case-service waiting for the broker or the database
            }
        }
        if (submitted == null) {
            return -1;
        }
        String caseId = submitted.caseId();
        int left = (int) Math.max(1, limitSeconds - (System.nanoTime() - began) / 1_000_000_000L);
        boolean decided = Waits.until(left, 20, () -> watcher.first(caseId) != null);
        return decided ? (watcher.first(caseId).nanos() - began) / 1e9 : -1;
    }

    private static String join(List<Double> values) {
        return String.join(", ", values.stream().map(Table::format).toList());
    }
}
