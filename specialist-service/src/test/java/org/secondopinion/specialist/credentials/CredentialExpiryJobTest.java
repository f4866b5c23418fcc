package org.secondopinion.specialist.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.reference.Npi;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class CredentialExpiryJobTest {

    private static final String ADMIN = TestTokens.admin("admin1");

    @Inject
    CredentialExpiryJob job;

    @Test
    void everyScheduledRunIsCountedAtQMetricsForTheOnCallAlert() {
        double before = runs("succeeded");

        job.scheduled();

        assertThat(runs("succeeded")).isEqualTo(before + 1);
    }

    private static double runs(String outcome) {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("credential_expiry_runs_total{") && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf('}') + 1).trim().split(" ")[0]))
                .sum();
    }

    @Test
    void lapsedLicenceExpiresAndMatchingGetsASnapshotWithoutThatState() {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String id = createSpecialist(List.of(
                licence("CA", "2099-12-31"),
                licence("NV", yesterday)));
        String untouched = createSpecialist(List.of(licence("CA", "2099-12-31")));

        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            assertThat(job.run()).isGreaterThanOrEqualTo(1);

            JsonNode data = probe.await(e -> EventTypes.SPECIALIST_UPSERTED.equals(e.path("type").asText())
                    && id.equals(e.path("subject").asText()), Duration.ofSeconds(20)).path("data");
            assertThat(data.path("version").asLong()).isEqualTo(2);
            assertThat(data.path("licensedStates")).extracting(JsonNode::asText).containsExactly("CA");

            // the job publishes no new snapshot of the untouched specialist (its creation snapshot, version 1, may
            // still be on its way from the outbox when the probe starts: that one is not the job's)
            assertThat(probe.drain(Duration.ofMillis(500)))
                    .noneMatch(e -> untouched.equals(e.path("subject").asText())
                            && e.path("data").path("version").asLong() > 1);
        }

        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}/profile", id)
                .then().statusCode(200)
                .body("licenses.state", contains("CA", "NV"))
                .body("licenses.status", contains("VERIFIED", "EXPIRED"))
                .body("snapshotVersion", equalTo(2));
        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}/profile", untouched)
                .then().statusCode(200).body("snapshotVersion", equalTo(1));

        // a second run the same day finds nothing more to do for this specialist
        job.run();
        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}/profile", id)
                .then().statusCode(200).body("snapshotVersion", equalTo(2));
    }

    private static Map<String, Object> licence(String state, String expiresOn) {
        return Map.of("state", state, "number", state + "-" + ThreadLocalRandom.current().nextInt(1_000_000),
                "expiresOn", expiresOn, "status", "VERIFIED");
    }

    private static String createSpecialist(List<Map<String, Object>> licences) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("npi", Npi.withCheckDigit(String.format("19%07d", ThreadLocalRandom.current().nextInt(10_000_000))));
        body.put("givenName", "Expiry");
        body.put("familyName", "Tester");
        body.put("credentials", "MD");
        body.put("primarySpecialty", "ORTHOPAEDIC_SURGERY");
        body.put("languages", List.of("en"));
        body.put("timeZone", "America/Los_Angeles");
        body.put("typicalTurnaroundHours", 48);
        body.put("capacity", 5);
        body.put("status", "ACTIVE");
        body.put("certifications", List.of(Map.of("board", "American Board of Orthopaedic Surgery",
                "specialty", "ORTHOPAEDIC_SURGERY", "status", "VERIFIED")));
        body.put("licenses", licences);
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(201).extract().path("id");
    }
}
