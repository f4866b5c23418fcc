package org.secondopinion.matching.ranking;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.secondopinion.matching.projection.SpecialistIndex;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a timed test: prints p50/p99 of ranking one case against 100 000 projected specialists, the same calls
 * Matchmaker makes (index refresh + bucketed rank). Excluded from the normal build; see BENCHMARK.md for the command.
 */
@QuarkusTest
@Tag("benchmark")
class RankingBenchmark {

    static final int SPECIALISTS = 100_000;
    static final int WARMUP = 20;
    static final int RUNS = 200;
    /** The day Matchmaker would rank on (UTC); the seeded specialists have no out-of-office periods. */
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    EntityManager em;

    @Inject
    SpecialistIndex index;

    @Inject
    Ranker ranker;

    @Test
    void rankOneCaseAgainst100000Specialists() {
        // stamped an hour ago, as a settled directory is: rows changed within the index's overlap window are
        // re-read on every look, which is right for a live change but would turn this into a reload benchmark
        // a directory shaped like the real one: 12 specialties, 10 states, mixed status, load and expertise
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO specialist_projection (specialist_id, snapshot_version, user_id, status,
                    accepting_new_cases, primary_specialty, certified_specialties, licensed_states, languages,
                    procedure_expertise, non_operative_expertise, npi, affiliations, capacity,
                    typical_turnaround_hours, active_cases, updated_at)
                SELECT gen_random_uuid(), 1, 'bench-' || i, CASE WHEN i % 20 = 0 THEN 'SUSPENDED' ELSE 'ACTIVE' END,
                    i % 7 <> 0, s.spec, jsonb_build_array(s.spec), jsonb_build_array(st.a, st.b),
                    CASE WHEN i % 3 = 0 THEN '["en","es"]'::jsonb ELSE '["en"]'::jsonb END,
                    CASE WHEN i % 4 = 0 THEN '["63030","63047"]'::jsonb ELSE '["27447"]'::jsonb END,
                    i % 2 = 0, NULL, jsonb_build_array('Hospital ' || (i % 500)), 10, 12 + i % 96, i % 12,
                    now() - interval '1 hour'
                FROM generate_series(1, ?1) AS i,
                LATERAL (SELECT (ARRAY['ORTHOPAEDIC_SURGERY','NEUROSURGERY','CARDIOTHORACIC_SURGERY',
                    'GENERAL_SURGERY','VASCULAR_SURGERY','UROLOGY','GYNECOLOGIC_SURGERY','OTOLARYNGOLOGY',
                    'OPHTHALMOLOGY','PLASTIC_SURGERY','COLON_RECTAL_SURGERY','SURGICAL_ONCOLOGY'])[1 + i % 12] AS spec) s,
                LATERAL (SELECT (ARRAY['CA','NV','NY','TX','FL','WA','OR','AZ','IL','MA'])[1 + i % 10] AS a,
                    (ARRAY['CA','NV','NY','TX','FL','WA','OR','AZ','IL','MA'])[1 + (i / 10) % 10] AS b) st
                """).setParameter(1, SPECIALISTS).executeUpdate());

        // the service loads the whole table at start-up; these rows came later, stamped before its last look, so
        // read it all again the way start-up does (the one-off cost a replica pays before serving)
        long loadStart = System.nanoTime();
        assertThat(index.reload().size()).isGreaterThanOrEqualTo(SPECIALISTS);
        long firstLoadMs = (System.nanoTime() - loadStart) / 1_000_000;
        System.out.printf("%nBENCHMARK first index load of %d specialists: %d ms%n", SPECIALISTS, firstLoadMs);

        CaseFacts kase = new CaseFacts("ORTHOPAEDIC_SURGERY", "63030", "ROUTINE", "CA", "es",
                List.of("AVOID_SURGERY"), "1003000126", "Hospital 7");
        int candidates = measure("a settled directory", kase, () -> { }, firstLoadMs);

        // a busy service: an assignment (or a directory change) lands between every two cases, and every row changed
        // within the refresh overlap is re-read on each look. A real database has statistics for the updated_at
        // range query (autovacuum analyses a table soon after a bulk load); this one was just seeded.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE specialist_projection").executeUpdate());
        int[] next = {0};
        measure("a change before every case", kase, () -> QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("UPDATE specialist_projection SET active_cases = (active_cases + 1) % 10, "
                        + "updated_at = now() WHERE user_id = ?1")
                .setParameter(1, "bench-" + (1 + (next[0]++ * 7919) % SPECIALISTS)).executeUpdate()), firstLoadMs);
        assertThat(candidates).isPositive();
    }

    /** Times the refresh and the ranking only; {@code between} runs before each, untimed. */
    private int measure(String scenario, CaseFacts kase, Runnable between, long firstLoadMs) {
        int candidates = 0;
        for (int i = 0; i < WARMUP; i++) {
            between.run();
            candidates = ranker.rank(kase, index.current(), Set.of(), TODAY).candidates().size();
        }
        long[] nanos = new long[RUNS];
        long[] rankOnly = new long[RUNS];
        long[] cpu = new long[RUNS];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < RUNS; i++) {
            between.run();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            SpecialistDirectory directory = index.current();
            long refreshed = System.nanoTime();
            Ranking ranking = ranker.rank(kase, directory, Set.of(), TODAY);
            long end = System.nanoTime();
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
            nanos[i] = end - start;
            rankOnly[i] = end - refreshed;
            candidates = ranking.candidates().size();
        }
        Arrays.sort(nanos);
        Arrays.sort(rankOnly);
        Arrays.sort(cpu);
        // wall-clock figures include waiting for a core on a busy machine; this thread's CPU time does not (nor
        // the database's share of the refresh)
        System.out.printf("%nBENCHMARK ranking 1 case vs %d specialists (%d candidates survive), %s, %d runs: "
                        + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (Ranker.rank alone: p50 %.2f ms, p99 %.2f ms; "
                        + "this thread's CPU time: p50 %.2f ms, p99 %.2f ms); first index load %d ms%n%n",
                SPECIALISTS, candidates, scenario, RUNS,
                nanos[RUNS / 2] / 1e6, nanos[(int) (RUNS * 0.99)] / 1e6, nanos[RUNS - 1] / 1e6,
                rankOnly[RUNS / 2] / 1e6, rankOnly[(int) (RUNS * 0.99)] / 1e6,
                cpu[RUNS / 2] / 1e6, cpu[(int) (RUNS * 0.99)] / 1e6, firstLoadMs);
        return candidates;
    }
}
