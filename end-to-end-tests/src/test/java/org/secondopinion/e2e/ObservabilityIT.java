package org.secondopinion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.secondopinion.stack.LocalStack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN §9 across processes, as production runs them: one trace id from a request at the gateway, through the
 * case service and its outbox, over Kafka, to the matcher's reaction; JSON log lines carrying request and trace ids;
 * and no patient detail in any service's log.
 */
@ExtendWith(SharedStack.class)
class ObservabilityIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("gateway", "case-service", "specialist-service",
            "matching-service", "notification-service");
    // words only this test's case contains: if a log line holds one, clinical text leaked into the logs
    private static final String DIAGNOSIS_TEXT = "Zygomatic stenosis observed by Dr. Quillfeather";
    private static final String HISTORY_TEXT = "Patient Ottoline Brackenridge reports pain since March";

    private static LocalStack stack;

    @BeforeAll
    static void theWholeSystem() {
        stack = SharedStack.stack();
    }

    @Test
    void oneTraceFromTheGatewayOverKafkaAndNoPatientDetailInAnyLog() throws Exception {
        String requestId = "obs-" + UUID.randomUUID();
        String token = stack.token("patient1");
        String caseId = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of(
                        "diagnosis", Map.of("code", "M48.06", "text", DIAGNOSIS_TEXT),
                        "procedure", Map.of("code", "63047", "text", "Lumbar laminectomy"),
                        "specialty", "NEUROSURGERY", "urgency", "ROUTINE", "patientState", "TX",
                        "history", HISTORY_TEXT))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .body(Map.of("consent", Map.of("version", "2026-01", "accepted", true)))
                .post("/api/v1/cases/" + caseId + "/submit").then().statusCode(200);

        // the gateway's log line of the submission names its request id and trace id
        JsonNode gatewayLine = await().atMost(ASYNC).until(() -> lineWithRequestId("gateway", requestId),
                Optional::isPresent).orElseThrow();
        String traceId = gatewayLine.path("mdc").path("traceId").asText();
        assertThat(traceId).matches("[0-9a-f]{32}");
        // the case service handled the same request in the same trace
        await().atMost(ASYNC).until(() -> lineWithRequestId("case-service", requestId)
                .map(l -> traceId.equals(l.path("mdc").path("traceId").asText())).orElse(false));

        // case.submitted went out through the outbox in that trace, and the matcher's reaction continued it
        List<JsonNode> caseEvents = await().atMost(ASYNC).until(() -> eventsOf("case-events", caseId),
                events -> events.stream().anyMatch(e -> "case.submitted.v1".equals(e.path("type").asText())));
        assertThat(caseEvents).filteredOn(e -> "case.submitted.v1".equals(e.path("type").asText()))
                .allSatisfy(e -> assertThat(e.path("traceparent").asText()).contains(traceId));
        List<JsonNode> matchEvents = await().atMost(ASYNC).until(() -> eventsOf("matching-events", caseId),
                events -> !events.isEmpty());
        assertThat(matchEvents.get(0).path("traceparent").asText()).contains(traceId);

        // every service logs JSON lines, and none of them holds the patient's clinical text
        for (String service : SERVICES) {
            List<String> lines = Files.readAllLines(stack.logFile(service));
            List<String> notJson = new ArrayList<>();
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JSON.readTree(line);
                } catch (IOException e) {
                    notJson.add(line);
                }
            }
            assertThat(notJson).as("%s: log lines that are not JSON", service).hasSizeLessThan(5);
            assertThat(String.join("\n", lines)).as("%s log", service)
                    .doesNotContain("Zygomatic", "Quillfeather", "Ottoline", "Brackenridge");
        }
    }

    private static Optional<JsonNode> lineWithRequestId(String service, String requestId) throws IOException {
        for (String line : Files.readAllLines(stack.logFile(service))) {
            if (!line.contains(requestId)) {
                continue;
            }
            try {
                JsonNode json = JSON.readTree(line);
                if (requestId.equals(json.path("mdc").path("requestId").asText())
                        && !json.path("mdc").path("traceId").asText().isEmpty()) {
                    return Optional.of(json);
                }
            } catch (IOException e) {
                // not a JSON line: keep looking
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> eventsOf(String topic, String subject) {
        return EventLog.read(stack, topic, subject::equals, Duration.ofSeconds(5));
    }
}
