package org.secondopinion.cases;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.secondopinion.infra.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The case API as a patient's app calls it, for tests. */
public final class CaseApi {

    public static final Map<String, Object> SPINE_CASE = Map.of(
            "diagnosis", Map.of("code", "M51.26", "text", "Lumbar disc herniation"),
            "procedure", Map.of("code", "63030", "text", "Lumbar microdiscectomy"),
            "specialty", "ORTHOPAEDIC_SURGERY",
            "urgency", "ROUTINE",
            "patientState", "CA",
            "preferredLanguage", "en",
            "goals", java.util.List.of("AVOID_SURGERY", "KEEP_MOBILITY"),
            "questions", java.util.List.of("Is physical therapy an option first?"),
            "recommendingSurgeon", Map.of("name", "Dr. A. Surgeon", "npi", "1234567893", "institution", "Bay Spine Center"));

    public static final Map<String, Object> CONSENT = Map.of("consent", Map.of("version", "2026-01", "accepted", true));

    private CaseApi() {
    }

    public static ValidatableResponse create(String patient, Object body) {
        return given().auth().oauth2(TestTokens.patient(patient)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases").then();
    }

    public static UUID createSpineCase(String patient) {
        return UUID.fromString(create(patient, SPINE_CASE).statusCode(201).extract().path("id"));
    }

    public static ValidatableResponse submit(String patient, UUID id) {
        return given().auth().oauth2(TestTokens.patient(patient)).contentType(ContentType.JSON).body(CONSENT)
                .post("/api/v1/cases/{id}/submit", id).then();
    }

    public static ValidatableResponse get(String token, UUID id) {
        return given().auth().oauth2(token).get("/api/v1/cases/{id}", id).then();
    }

    public static UUID submittedSpineCase(String patient) {
        UUID id = createSpineCase(patient);
        submit(patient, id).statusCode(200);
        return id;
    }

    /** A CloudEvent as matching-service would publish it, for injecting into the broker. */
    public static String matchingEvent(String type, UUID subject, Map<String, Object> data) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("specversion", "1.0",
                    "id", UUID.randomUUID().toString(), "source", "/second-opinion/matching-service", "type", type,
                    "subject", subject.toString(), "time", java.time.Instant.now().toString(),
                    "datacontenttype", "application/json", "data", data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
