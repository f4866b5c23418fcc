package org.secondopinion.matching.offers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.matching.matches.MatchingTestSupport;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseClosed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two answers for one case at the same instant, over real HTTP: the match row lock lets exactly one win. */
@QuarkusTest
class ConcurrentAcceptTest extends MatchingTestSupport {

    @Test
    void twoAcceptsOfOneOfferAtOnceGiveExactlyOneAssignment() throws Exception {
        int before = load(SPECIALIST1);
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        Callable<Integer> accept = () -> given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/offers/{id}/accept", offer).statusCode();

        assertThat(race(accept, accept)).containsExactlyInAnyOrder(200, 409);
        assertThat(load(SPECIALIST1)).isEqualTo(before + 1);
        assertThat(assignedEvents(caseId)).isEqualTo(1);
        close(caseId);
    }

    @Test
    void anAcceptRacingACoordinatorsAssignmentLetsOnlyOneWin() throws Exception {
        int before = load(SPECIALIST1) + load(SPECIALIST2);
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        Callable<Integer> accept = () -> given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/offers/{id}/accept", offer).statusCode();
        Callable<Integer> assign = () -> given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .contentType(ContentType.JSON)
                .body("{\"specialistId\":\"" + SPECIALIST2 + "\",\"reason\":\"faster for this patient\"}")
                .post("/api/v1/matches/{caseId}/assign", caseId).statusCode();

        assertThat(race(accept, assign)).containsExactlyInAnyOrder(200, 409);
        assertThat(load(SPECIALIST1) + load(SPECIALIST2)).isEqualTo(before + 1);
        assertThat(assignedEvents(caseId)).isEqualTo(1);
        close(caseId);
    }

    /** Starts both calls together (a barrier, so neither has a head start) and returns their status codes. */
    private static List<Integer> race(Callable<Integer> first, Callable<Integer> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> call : List.of(first, second)) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get(30, TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** match.assigned rows in the outbox for this case: the durable record of what was published. */
    private long assignedEvents(UUID caseId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE event_key = ?1 AND event_type = ?2")
                .setParameter(1, caseId.toString()).setParameter(2, EventTypes.MATCH_ASSIGNED)
                .getSingleResult()).longValue());
    }

    private void close(UUID caseId) {
        EventEnvelope closed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLOSED,
                new CaseClosed(caseId, "SO-x", "patient1", null, "AUTO", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(closed.id()));
    }
}
