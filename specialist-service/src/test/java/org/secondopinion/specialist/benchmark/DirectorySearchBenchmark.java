package org.secondopinion.specialist.benchmark;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.specialist.demo.BulkDirectoryLoader;
import org.secondopinion.specialist.directory.SearchCriteria;
import org.secondopinion.specialist.directory.SpecialistService;

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
@TestProfile(DirectorySearchBenchmark.StatisticsOn.class)
class DirectorySearchBenchmark {

    static final int SIZE = Integer.getInteger("benchmark.specialists", 100_000);

    public static class StatisticsOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.hibernate-orm.statistics", "true");
        }
    }

    @Inject
    BulkDirectoryLoader loader;
    @Inject
    SpecialistService service;
    @Inject
    EntityManager em;
    @Inject
    EntityManagerFactory emf;

    @Test
    void searchStaysFastOnALargeDirectory() {
        long existing = ((Number) em.createNativeQuery("SELECT count(*) FROM specialist WHERE npi LIKE '3%'")
                .getSingleResult()).longValue();
        long started = System.nanoTime();
        loader.load((int) existing, SIZE);
        System.out.printf("BENCHMARK seeded %d specialists in %d ms%n", SIZE - existing,
                (System.nanoTime() - started) / 1_000_000);

        // no N+1: a page of 20 costs a fixed number of statements (count, page, certifications, licences)
        Statistics statistics = emf.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        service.search(new SearchCriteria("GENERAL_SURGERY", "TX", null, null, null, false), 0, 20);
        System.out.printf("BENCHMARK statements for one page of 20: %d%n", statistics.getPrepareStatementCount());
        assertThat(statistics.getPrepareStatementCount()).isLessThanOrEqualTo(4);

        String token = TestTokens.patient("patient1");
        List<Map<String, Object>> queries = List.of(
                Map.of(),
                Map.of("specialty", "ORTHOPAEDIC_SURGERY", "state", "TX"),
                Map.of("specialty", "GENERAL_SURGERY", "language", "es", "acceptingNewCases", true),
                Map.of("state", "CA", "page", 20),
                Map.of("q", "patel"),
                Map.of("specialty", "NEUROSURGERY", "state", "NY", "language", "zh"));
        for (Map<String, Object> query : queries) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 220; i++) {
                long t = System.nanoTime();
                given().auth().oauth2(token).queryParams(query).when().get("/api/v1/specialists")
                        .then().statusCode(200);
                if (i >= 20) { // the first ones warm up the JIT and caches
                    micros.add((System.nanoTime() - t) / 1000);
                }
            }
            Collections.sort(micros);
            System.out.printf("BENCHMARK %-70s p50 %6.1f ms  p99 %6.1f ms%n", query,
                    micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 99 / 100) / 1000.0);
        }
    }
}
