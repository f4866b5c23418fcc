package org.secondopinion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.secondopinion.stack.LocalStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §8 and issue 9 with two processes: two replicas of case-service on one database and one consumer group
 * publish every event exactly once (the outbox relays take turns), and a replica stopped with SIGTERM in the middle
 * of traffic finishes what it accepted — nothing it answered 200 for is lost, nothing is answered with a 500.
 */
@ExtendWith(SharedStack.class)
class ScaleOutIT {

    private static final Map<String, Object> CASE = Map.of(
            "diagnosis", Map.of("code", "N40.1", "text", "Benign prostatic hyperplasia"),
            "procedure", Map.of("code", "52601", "text", "Transurethral resection of the prostate"),
            "specialty", "UROLOGY", "urgency", "ROUTINE", "patientState", "OR");

    private static LocalStack stack;
    private static String token;

    @BeforeAll
    static void theWholeSystem() {
        stack = SharedStack.stack();
        token = stack.token("patient2");
    }

    @Test
    void twoReplicasPublishEachEventOnceAndASigtermLosesNothing() throws Exception {
        String first = stack.serviceUrl("case-service");
        Set<String> submitted = ConcurrentHashMap.newKeySet();
        Set<String> allCases = ConcurrentHashMap.newKeySet();
        List<Integer> statuses = new ArrayList<>();
        try (LocalStack.Replica second = stack.startReplica("case-service")) {
            // side by side: drafts and submissions alternate between the two processes
            for (int i = 0; i < 12; i++) {
                String url = i % 2 == 0 ? first : second.url();
                String id = create(i % 2 == 0 ? second.url() : first);
                allCases.add(id);
                assertThat(submit(url, id)).isEqualTo(200);
                submitted.add(id);
            }

            // under load, the second replica gets SIGTERM: what it accepted it finishes
            List<String> drafts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                drafts.add(create(first));
                allCases.add(drafts.get(drafts.size() - 1));
            }
            int firstPhase = submitted.size();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (String id : drafts) {
                    answers.add(pool.submit(() -> {
                        int status = submit(second.url(), id);
                        if (status == 200) {
                            submitted.add(id);
                        }
                        return status;
                    }));
                }
                // SIGTERM as soon as the replica has answered one of them: the rest are in flight or queued
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> submitted.size() > firstPhase);
                second.close();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(second.isRunning()).isFalse();
        }
        // refused while draining (503) or after it stopped (no connection: -1) is fine; a 5xx other than 503 is not
        assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(200, 503, -1));
        assertThat(statuses).contains(200);

        // every submission that was answered 200 is on Kafka exactly once, whichever relay sent it
        Set<String> ids = new HashSet<>(submitted);
        Set<String> all = new HashSet<>(allCases);
        List<JsonNode> events = EventLog.read(stack, "case-events", all::contains, Duration.ofSeconds(15)).stream()
                .filter(e -> "case.submitted.v1".equals(e.path("type").asText())).toList();
        Map<String, Long> perCase = events.stream()
                .collect(Collectors.groupingBy(e -> e.path("subject").asText(), Collectors.counting()));
        assertThat(perCase.keySet()).containsAll(ids);
        // never twice, whether the answer was 200, 503 or lost with the connection
        assertThat(perCase.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
        // and the first replica still serves
        assertThat(submit(first, create(first))).isEqualTo(200);
        // a message the stopping replica had in hand was left for redelivery, not dead-lettered
        assertThat(EventLog.read(stack, "matching-events.case-service.dlq", key -> true, Duration.ofSeconds(5)))
                .isEmpty();
    }

    private static String create(String baseUrl) {
        return given().baseUri(baseUrl).auth().oauth2(token).contentType(ContentType.JSON).body(CASE)
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    /** The HTTP status of a submission, or -1 when the process no longer accepts connections. */
    private static int submit(String baseUrl, String id) {
        try {
            return given().baseUri(baseUrl).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("consent", Map.of("version", "2026-01", "accepted", true)))
                    .post("/api/v1/cases/" + id + "/submit").then().extract().statusCode();
        } catch (Exception e) { // RestAssured rethrows the socket's checked exceptions as they are
            if (e instanceof java.net.SocketException || e instanceof org.apache.http.NoHttpResponseException) {
                // refused or reset while the process goes away: no answer, so the client tries the other replica, as
                // behind a Kubernetes Service; what matters is below: nothing answered 200 is lost or doubled
                return -1;
            }
            throw e;
        }
    }
}
