package org.secondopinion.bench;

import io.vertx.core.http.HttpMethod;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * Issue 17: the outcome insights "fast at 1 million cases". Seeds {@code --cases} rows (default 1,000,000) into
 * case-service's read model {@code outcome_insight} with plausible spreads (three years of opinions, six specialties,
 * eight procedures, 40 clinics, half of the patients answered), then asks {@code GET /api/v1/insights/outcomes} as a
 * coordinator and as a clinic with the filters a dashboard uses. Reference in the same run: a plain
 * {@code SELECT count(*)} over the same table, the least any figure over every row can cost.
 *
 * <p>The rows are written straight into the read model (their cases do not exist: foreign keys are not checked for
 * this session, {@code session_replication_role = replica}) and marked with the patient state {@code ZZ}; they are
 * deleted at the end, so that {@code --attach} leaves a developer's stack as it was.
 */
final class InsightsBenchmark {

    private static final String MARK = "ZZ";

    private InsightsBenchmark() {
    }

    static void run(Target target, Options options) {
        String url = target.jdbcUrl("case_db");
        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            long seeding = System.nanoTime();
            seed(db, options.cases());
            System.out.printf("insights: %,d rows seeded in %.1f s%n", options.cases(),
                    (System.nanoTime() - seeding) / 1e9);
            try (Http http = new Http(2)) {
                measure(target, http, db, options);
            } finally {
                try (Statement s = db.createStatement()) {
                    s.execute("DELETE FROM outcome_insight WHERE patient_state = '" + MARK + "'");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("insights benchmark: " + e.getMessage(), e);
        }
    }

    private static void seed(Connection db, int cases) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("DELETE FROM outcome_insight WHERE patient_state = '" + MARK + "'");
            s.execute("""
                    INSERT INTO outcome_insight (case_id, origin, clinic_id, specialty, procedure_code, urgency,
                        patient_state, patient_age, submitted_at, opinion_delivered_at, turnaround_seconds, verdict,
                        decision, agreement, plan_changed, confidence_before, confidence_after, revisions, decided_at)
                    SELECT gen_random_uuid(),
                        CASE WHEN i % 3 = 0 THEN 'CLINIC_REFERRAL' ELSE 'PATIENT' END,
                        CASE WHEN i % 3 = 0 THEN 'clinic' || (1 + i % 40) END,
                        (ARRAY['ORTHOPAEDIC_SURGERY','CARDIOTHORACIC_SURGERY','NEUROSURGERY','GENERAL_SURGERY',
                               'SPINE_SURGERY','UROLOGY'])[1 + i % 6],
                        (ARRAY['63030','27447','33533','47562','22612','55866','27130','63047'])[1 + i % 8],
                        CASE WHEN i % 5 = 0 THEN 'URGENT' ELSE 'ROUTINE' END,
                        'ZZ', 30 + i % 60,
                        delivered - make_interval(secs => turnaround), delivered, turnaround,
                        (ARRAY['CONCUR','CONCUR_WITH_MODIFICATIONS','RECOMMEND_ALTERNATIVE',
                               'INSUFFICIENT_INFORMATION'])[1 + i % 4],
                        decision,
                        CASE WHEN decision IS NULL THEN NULL WHEN decision = 'NOT_DECIDED' THEN 'UNDECIDED'
                             WHEN i % 4 = 3 THEN 'NOT_APPLICABLE'
                             WHEN (i % 4 < 2) = (decision = 'ORIGINAL_SURGERY') THEN 'FOLLOWED'
                             ELSE 'NOT_FOLLOWED' END,
                        CASE WHEN decision IS NULL THEN NULL ELSE i % 7 = 0 END,
                        CASE WHEN decision IS NULL THEN NULL ELSE 1 + i % 5 END,
                        CASE WHEN decision IS NULL THEN NULL ELSE 1 + (i / 5) % 5 END,
                        CASE WHEN decision IS NULL THEN 0 ELSE 1 END,
                        CASE WHEN decision IS NULL THEN NULL ELSE delivered + interval '20 days' END
                    FROM (SELECT i, now() - make_interval(mins => ((i::bigint * 7919) % (3 * 365 * 24 * 60))::int) AS delivered,
                                 (36 * 3600 + (i::bigint * 104729) % (10 * 24 * 3600))::bigint AS turnaround,
                                 CASE WHEN i % 2 = 0 THEN (ARRAY['ORIGINAL_SURGERY','DIFFERENT_SURGERY',
                                     'NON_SURGICAL_TREATMENT','WATCHFUL_WAITING','NOT_DECIDED'])[1 + (i / 2) % 5]
                                 END AS decision
                          FROM generate_series(1, CASES) AS i) AS seed
                    """.replace("CASES", Integer.toString(cases)));
            s.execute("SET session_replication_role = DEFAULT");
            s.execute("ANALYZE outcome_insight");
        }
    }

    private static void measure(Target target, Http http, Connection db, Options options) throws SQLException {
        String coordinator = target.token("coordinator1");
        String clinic = target.token("clinic1");
        String base = target.serviceUrl("case-service") + "/api/v1/insights/outcomes";
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Table table = new Table("Outcome insights over " + String.format("%,d", options.cases())
                + " cases (5 warm-up calls, then 20; case-service straight)", "request", "p50 ms", "p99 ms", "n");
        row(table, http, "all cases, no filter (coordinator)", base, coordinator);
        row(table, http, "last 12 months (coordinator)", base + "?from=" + today.minusYears(1), coordinator);
        row(table, http, "last 90 days, one specialty (coordinator)",
                base + "?from=" + today.minusDays(90) + "&specialty=NEUROSURGERY", coordinator);
        row(table, http, "one procedure, urgent only (coordinator)", base + "?procedure=63030&urgency=URGENT",
                coordinator);
        row(table, http, "a clinic's own referrals, all time (clinic1)", base, clinic);
        Latencies reference = new Latencies();
        try (Statement s = db.createStatement()) {
            for (int i = 0; i < 25; i++) {
                long started = System.nanoTime();
                s.executeQuery("SELECT count(*) FROM outcome_insight").close();
                if (i >= 5) {
                    reference.record(System.nanoTime() - started);
                }
            }
        }
        table.row("reference: SELECT count(*) FROM outcome_insight, same PostgreSQL (JDBC)",
                reference.percentileMillis(0.5), reference.percentileMillis(0.99), reference.count());
        table.print();
    }

    private static void row(Table table, Http http, String name, String url, String token) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 25; i++) {
            Http.Answer answer = http.send(HttpMethod.GET, url, token, null).toCompletableFuture().join();
            CaseFlow.expect(answer, 200, name);
            if (i >= 5) {
                latencies.record(answer.nanos());
            }
        }
        table.row(name, latencies.percentileMillis(0.5), latencies.percentileMillis(0.99), latencies.count());
    }
}
