package org.secondopinion.specialist.benchmark;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.infra.testing.StatementCounter;
import org.secondopinion.specialist.demo.BulkDirectoryLoader;
import org.secondopinion.specialist.search.SearchCriteria;
import org.secondopinion.specialist.search.SearchService;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds 100 000 generated profiles and prints p50/p99 latency of typical directory searches over HTTP (token
 * validation included). Excluded from the normal build; run with
 * {@code ./mvnw -pl specialist-service test -Dtest=DirectorySearchBenchmark -Dsurefire.excludedGroups=none}.
 */
@QuarkusTest
@Tag("benchmark")
class DirectorySearchBenchmark {

    /** {@code -Dbenchmark.specialists=2000} for a quick run while iterating. */
    static final int SIZE = Integer.getInteger("benchmark.specialists", 100_000);

    @Inject
    BulkDirectoryLoader loader;
    @Inject
    SearchService service;
    @Inject
    EntityManager em;

    @Test
    void searchStaysFastOnALargeDirectory() {
        // generated profiles 0..existing-1 are already there (NPI 3 + index); SearchStatementsTest's start at 9 000 000
        long existing = ((Number) em.createNativeQuery(
                "SELECT count(*) FROM specialist WHERE npi LIKE '3%' AND npi < '309'").getSingleResult()).longValue();
        long started = System.nanoTime();
        loader.load((int) existing, SIZE);
        System.out.printf("BENCHMARK seeded %d specialists in %d ms%n", SIZE - existing,
                (System.nanoTime() - started) / 1_000_000);

        // no N+1: a page costs a fixed number of statements (count, page, certifications, licences) whatever its
        // size. Counted in the search's own session: the factory-wide statistics would also count the outbox relay
        // busy publishing the snapshots of the profiles just seeded.
        for (int size : new int[] {20, 100}) {
            int statements = StatementCounter.count(em, () -> service.search(
                    new SearchCriteria("GENERAL_SURGERY", null, "TX", null, null, null, false), 0, size)).statements();
            System.out.printf("BENCHMARK statements for one page of %d: %d%n", size, statements);
            assertThat(statements).isLessThanOrEqualTo(4);
        }

        // time the searches, not the outbox relay still publishing the seeded profiles' snapshots to Kafka
        long drainStarted = System.nanoTime();
        long unsent = unsentSnapshots();
        while (unsent > 0 && System.nanoTime() - drainStarted < 20L * 60 * 1_000_000_000) {
            sleep(5_000);
            unsent = unsentSnapshots();
        }
        System.out.printf("BENCHMARK outbox drained in %d ms (%d still unsent)%n",
                (System.nanoTime() - drainStarted) / 1_000_000, unsent);

        List<Map<String, Object>> queries = List.of(
                Map.of(),
                Map.of("specialty", "ORTHOPAEDIC_SURGERY", "state", "TX"),
                Map.of("specialty", "GENERAL_SURGERY", "language", "es", "acceptingNewCases", true),
                Map.of("state", "CA", "page", 20),
                Map.of("q", "patel"),
                Map.of("q", "bariatric"),
                Map.of("q", "29881", "state", "FL"),
                Map.of("q", "\"sports medicine\"", "language", "es"),
                Map.of("subspecialty", "RETINA", "acceptingNewCases", true),
                Map.of("specialty", "NEUROSURGERY", "state", "NY", "language", "zh"));
        for (Map<String, Object> query : queries) {
            String token = TestTokens.patient("patient1"); // per query: test tokens expire after a few minutes
            List<Long> micros = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < 220; i++) {
                long t = System.nanoTime();
                total = ((Number) given().auth().oauth2(token).queryParams(query).when().get("/api/v1/specialists")
                        .then().statusCode(200).extract().path("total")).longValue();
                if (i >= 20) { // the first ones warm up the JIT and caches
                    micros.add((System.nanoTime() - t) / 1000);
                }
            }
            Collections.sort(micros);
            System.out.printf("BENCHMARK %-70s %6d matches  p50 %6.1f ms  p99 %6.1f ms%n", query, total,
                    micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 99 / 100) / 1000.0);
        }
    }

    private long unsentSnapshots() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")
                .getSingleResult()).longValue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
