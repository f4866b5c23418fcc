package org.secondopinion.cases.outcomes;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Cases brought to a delivered opinion the way the services would, for the outcome tests. */
public final class DeliveredCases {

    static final String SPECIALIST_ID = "5e000000-0000-4000-8000-000000000001";

    private DeliveredCases() {
    }

    public static RequestSpecification patient(String p) {
        return given().auth().oauth2(TestTokens.patient(p));
    }

    public static RequestSpecification specialist() {
        return given().auth().oauth2(TestTokens.specialist("specialist1"));
    }

    /** A submitted case of {@code patientId} that matching assigned to specialist1. */
    public static UUID assigned(String patientId, UUID id) {
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), CaseApi.matchingEvent("match.assigned.v1", id, Map.of(
                "caseId", id.toString(), "caseReference", "SO-x", "patientId", patientId,
                "specialistId", SPECIALIST_ID, "specialistUserId", "specialist1", "assignedAt", Instant.now().toString())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.coordinator("coordinator1"), id).body("status", equalTo("ASSIGNED")));
        return id;
    }

    /** A case of {@code patientId} whose opinion with {@code verdict} was delivered. */
    public static UUID delivered(String patientId, String verdict) {
        UUID id = assigned(patientId, CaseApi.submittedSpineCase(patientId));
        deliver(id, verdict);
        return id;
    }

    public static void deliver(UUID id, String verdict) {
        Map<String, Object> opinion = new HashMap<>(Map.of("verdict", verdict, "summary", "The opinion.",
                "confidence", "HIGH"));
        if (verdict.equals("RECOMMEND_ALTERNATIVE")) {
            opinion.put("alternatives", List.of(Map.of("type", "CONSERVATIVE_THERAPY", "description", "Therapy first")));
        }
        specialist().contentType(ContentType.JSON).body(opinion).put("/api/v1/cases/{id}/opinion", id)
                .then().statusCode(200);
        specialist().post("/api/v1/cases/{id}/opinion/submit", id).then().statusCode(200);
    }

    public static Map<String, Object> answer(String decision) {
        return Map.of("decision", decision, "planChanged", !decision.equals("ORIGINAL_SURGERY"),
                "confidenceBefore", 2, "confidenceAfter", 4);
    }
}
