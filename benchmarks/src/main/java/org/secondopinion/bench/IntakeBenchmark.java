package org.secondopinion.bench;

import io.vertx.core.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Issue 21 target 1. Patients creating and submitting cases straight to case-service, N clients in a closed loop,
 * with the whole stack running (matching and notifications work on every case meanwhile); beside it, pgbench's
 * single-row insert rate with as many clients on the same PostgreSQL. Then single requests on the idle stack.
 */
final class IntakeBenchmark {

    private IntakeBenchmark() {
    }

    static void run(Target target, Options options) {
        String caseService = target.serviceUrl("case-service");
        String patient = target.token("patient1");
        try (Http http = new Http(options.clients() * 2)) {
            CaseFlow flow = new CaseFlow(http, caseService, patient);

            warmUp(options, flow);
            settle(target);

            System.out.printf("intake: measuring for %ds ...%n", options.seconds());
            StatementStats statements = options.statements() ? StatementStats.open(target) : null;
            CpuWindow cpu = CpuWindow.open();
            JitWarmup.CompilerWindow compilers = JitWarmup.CompilerWindow.open();
            ClosedLoop.Result intake = ClosedLoop.run(options.clients(), options.seconds(), flow::createAndSubmit);
            compilers.close();
            cpu.close();
            System.out.printf("intake: JIT compiler threads' share of a core in the measured window:%s%n", compilers);
            settle(target);
            // read after the platform caught up: the consumers' work for the window's cases counts too
            List<Table> perStatement = statements == null ? List.of() : statements.perUnit("case", intake.completed());
            System.out.printf("intake: pgbench reference for %ds ...%n", options.seconds());
            PgBench.Result reference = PgBench.run(target, options.clients(), options.seconds());

            new Table("Intake: create + submit straight to case-service, " + options.clients()
                    + " clients, " + options.seconds() + " s (whole stack running)",
                    "what", "per second", "p50 ms", "p99 ms", "failed", "share of reference")
                    .row("cases created + submitted", intake.perSecond(), intake.latencies().percentileMillis(0.5),
                            intake.latencies().percentileMillis(0.99), intake.failed(),
                            String.format("%.2f %%", 100 * intake.perSecond() / reference.tps()))
                    .row("reference: " + reference.tool() + " single-row INSERT, same PostgreSQL", reference.tps(),
                            reference.latencyMillis(), "–", 0, "100 %")
                    .print();
            if (intake.failed() > 0) {
                System.out.println("first failure: " + intake.firstFailure());
            }
            cpu.perUnit("CPU per case during the intake run", "case", intake.completed()).print();
            perStatement.forEach(Table::print);

            settle(target);
            idleRequests(http, caseService, patient, flow);
        }
    }

    /** Pause before each spaced request: longer than a case's whole event path on an idle stack (~20 ms). */
    static final long IDLE_GAP_MILLIS = 100;

    /** One client, one request at a time, on a stack with nothing else to do. */
    static void idleRequests(Http http, String caseService, String patient, CaseFlow flow) {
        CaseFlow.Submitted one = flow.createAndSubmit().toCompletableFuture().join();
        // drafts created by the "create" measurement are submitted by the "submit" one
        List<String> drafts = new ArrayList<>();
        Table table = new Table("Single requests, one client, after 200 warm-up calls: back to back, then spaced "
                + IDLE_GAP_MILLIS + " ms apart (the stack idle when each arrives)",
                "request", "p50 ms back to back", "p99 ms", "p50 ms spaced", "p99 ms", "n");
        measure(table, "GET /api/v1/cases/{id}", () -> http.send(HttpMethod.GET,
                caseService + "/api/v1/cases/" + one.caseId(), patient, null), 200);
        measure(table, "POST /api/v1/cases (create)", () -> http.send(HttpMethod.POST,
                caseService + "/api/v1/cases", patient, CaseFlow.CASE).thenApply(a -> {
                    String id = CaseFlow.read(a.body()).path("id").asText();
                    if (id.isEmpty()) {
                        throw new IllegalStateException("create answered " + a.status() + " without an id: " + a.body());
                    }
                    synchronized (drafts) {
                        drafts.add(id);
                    }
                    return a;
                }), 201);
        measure(table, "POST /api/v1/cases/{id}/submit", () -> {
            String id;
            synchronized (drafts) {
                id = drafts.remove(drafts.size() - 1);
            }
            return http.send(HttpMethod.POST, caseService + "/api/v1/cases/" + id + "/submit", patient, CaseFlow.CONSENT);
        }, 200);
        measure(table, "GET /api/v1/cases?size=20 (list)", () -> http.send(HttpMethod.GET,
                caseService + "/api/v1/cases?size=20", patient, null), 200);
        table.print();
    }

    /**
     * 200 warm-up calls, then 300 back to back and 300 spaced {@link #IDLE_GAP_MILLIS} apart. Back to back, a submit
     * arrives while the previous one's consequences still run (the relay's publish, matching's ranking, the offer
     * flowing back to case-service, the notifications): that is a load of its own on two cores, not an idle stack.
     * Spaced, each request finds the stack idle.
     */
    private static void measure(Table table, String name, Supplier<CompletionStage<Http.Answer>> call, int status) {
        for (int i = 0; i < 200; i++) {
            CaseFlow.expect(call.get().toCompletableFuture().join(), status, name);
        }
        Latencies backToBack = new Latencies();
        Latencies spaced = new Latencies();
        for (Latencies latencies : List.of(backToBack, spaced)) {
            for (int i = 0; i < 300; i++) {
                if (latencies == spaced) {
                    Waits.pause(IDLE_GAP_MILLIS);
                }
                Http.Answer answer = call.get().toCompletableFuture().join();
                CaseFlow.expect(answer, status, name);
                latencies.record(answer.nanos());
            }
        }
        table.row(name, backToBack.percentileMillis(0.5), backToBack.percentileMillis(0.99),
                spaced.percentileMillis(0.5), spaced.percentileMillis(0.99), spaced.count());
    }

    /**
     * First an open-loop load at {@code --rate} cases/s until the JIT has settled ({@link JitWarmup}), then closed-loop
     * rounds at the measured concurrency until two rounds' rates are within 10 % of each other.
     * <p>
     * Why not closed loop from the start: at full load on two cores each JVM's one C2 compiler thread is one runnable
     * thread among dozens, and it got 9-11 % of a core. After 12 minutes case- and matching-service still compiled at
     * that share (hot methods such as {@code IOUtil.write} were only then queued for C2; hundreds of methods still
     * compiled at tier 2, the tier HotSpot uses while C2's queue is long), and the rate was still climbing (24 -> 144
     * cases/s). Below saturation the compilers get the CPU they need and finish (docs/PERFORMANCE.md).
     */
    static void warmUp(Options options, CaseFlow flow) {
        System.out.print("intake: ");
        JitWarmup.untilSettled(options.rate(), options.warmupSeconds(), options.warmupMaxSeconds(),
                flow::createAndSubmit);
        System.out.printf("intake: closed loop with %d clients until two 10 s rounds agree within 10 %% and no JVM"
                + " compiles more than %d %% of a core ...%n", options.clients(), CLOSED_LOOP_COMPILER_PERCENT);
        double previous = 0;
        for (int round = 1; ; round++) {
            JitWarmup.CompilerWindow compilers = JitWarmup.CompilerWindow.open();
            double rate = ClosedLoop.run(options.clients(), 10, flow::createAndSubmit).perSecond();
            compilers.close();
            System.out.printf("  round %d: %.0f cases/s; JIT compiler threads' share of a core:%s%n", round, rate,
                    compilers);
            boolean steady = Math.abs(rate - previous) <= 0.1 * rate
                    && compilers.highest() < CLOSED_LOOP_COMPILER_PERCENT;
            if (steady || round == CLOSED_LOOP_ROUNDS) {
                return;
            }
            previous = rate;
        }
    }

    /**
     * At most this many closed-loop rounds after the JIT has settled at the warm-up's rate. Ten times that rate
     * compiles more: in the thirteenth session's runs C2 was still 17.7 % of case-service's CPU samples in the
     * measured window after two closed-loop rounds, so the rounds also wait for the compilers to quieten.
     */
    static final int CLOSED_LOOP_ROUNDS = 18;

    /** A closed-loop round is steady when no JVM's compilers used more than this share of a core. */
    static final int CLOSED_LOOP_COMPILER_PERCENT = 5;

    /**
     * Waits until the event path has worked off what the previous phase left (no consumer lag, no outbox backlog),
     * so phases don't measure each other; then a few seconds more for the stragglers (e-mails, webhooks).
     */
    static void settle(Target target) {
        boolean drained = Waits.until(180, 2_000, () -> PipelineBenchmark.Queues.drained(target));
        if (!drained) {
            System.out.println("(the platform had not caught up after 180 s; measuring anyway)");
        }
        Waits.pause(3_000);
    }
}
