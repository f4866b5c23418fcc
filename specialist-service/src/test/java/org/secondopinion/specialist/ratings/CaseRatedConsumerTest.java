package org.secondopinion.specialist.ratings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseRated;
import org.secondopinion.platform.reference.Npi;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CaseRatedConsumerTest {

    private static final String PATIENT = TestTokens.patient("patient1");

    @Inject
    ObjectMapper json;

    @Test
    void ratingsAreAveragedAndARedeliveredRatingCountsOnce() throws Exception {
        String id = createSpecialist();
        given().auth().oauth2(PATIENT).when().get("/api/v1/specialists/{id}", id)
                .then().statusCode(200).body("ratingCount", equalTo(0)).body("ratingAverage", nullValue());

        String five = rated(id, 5);
        // same key as the specialist for all three, so they arrive in this order on one partition
        EventProbe.send(Topics.CASE_EVENTS, id, five);
        EventProbe.send(Topics.CASE_EVENTS, id, five); // redelivery of the same event
        EventProbe.send(Topics.CASE_EVENTS, id, rated(id, 2));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(PATIENT).when().get("/api/v1/specialists/{id}", id)
                        .then().statusCode(200)
                        .body("ratingCount", equalTo(2))
                        .body("ratingAverage", equalTo(3.5f)));
    }

    @Test
    void otherCaseEventsAndRatingsOfUnknownSpecialistsChangeNothing() throws Exception {
        String id = createSpecialist();
        EventEnvelope submitted = EventEnvelope.create("/test", EventTypes.CASE_SUBMITTED, id, Instant.now(),
                json.valueToTree(Map.of("caseId", UUID.randomUUID().toString(), "specialistId", id)));
        EventProbe.send(Topics.CASE_EVENTS, id, json.writeValueAsString(submitted));
        EventProbe.send(Topics.CASE_EVENTS, id, rated(UUID.randomUUID().toString(), 1));
        EventProbe.send(Topics.CASE_EVENTS, id, rated(id, 4));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(PATIENT).when().get("/api/v1/specialists/{id}", id)
                        .then().statusCode(200)
                        .body("ratingCount", equalTo(1))
                        .body("ratingAverage", equalTo(4.0f)));
    }

    private String rated(String specialistId, int stars) throws Exception {
        UUID caseId = UUID.randomUUID();
        CaseRated payload = new CaseRated(caseId, "SO-TEST", UUID.fromString(specialistId), stars, Instant.now());
        return json.writeValueAsString(EventEnvelope.create("/second-opinion/case-service", EventTypes.CASE_RATED,
                caseId.toString(), Instant.now(), json.valueToTree(payload)));
    }

    private static String createSpecialist() {
        Map<String, Object> body = new HashMap<>();
        body.put("npi", Npi.withCheckDigit(String.format("16%07d", ThreadLocalRandom.current().nextInt(10_000_000))));
        body.put("givenName", "Rated");
        body.put("familyName", "Surgeon");
        body.put("credentials", "DO");
        body.put("primarySpecialty", "UROLOGY");
        body.put("languages", List.of("en"));
        body.put("timeZone", "America/New_York");
        body.put("typicalTurnaroundHours", 24);
        body.put("capacity", 5);
        body.put("status", "ACTIVE");
        return given().auth().oauth2(TestTokens.admin("admin1")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(201).extract().path("id");
    }
}
