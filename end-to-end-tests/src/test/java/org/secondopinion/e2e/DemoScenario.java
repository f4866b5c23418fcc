package org.secondopinion.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.secondopinion.stack.LocalStack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The demo scenario of DESIGN §12 and the README's "Try it", through the gateway of a given stack, whichever issuer it
 * trusts: a Californian patient's spine case is offered to specialist1, who declines; specialist2 gets it, accepts,
 * and the patient sees the case assigned. Run by {@link PlatformSliceIT} (local issuer) and {@link KeycloakIT}.
 */
final class DemoScenario {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    static final Map<String, Object> SPINE_CASE = Map.of(
            "diagnosis", Map.of("code", "M51.26", "text", "Lumbar disc herniation with radiculopathy"),
            "procedure", Map.of("code", "63030", "text", "Lumbar microdiscectomy"),
            "specialty", "ORTHOPAEDIC_SURGERY",
            "urgency", "ROUTINE",
            "patientState", "CA",
            "preferredLanguage", "en",
            "goals", List.of("AVOID_SURGERY"),
            "recommendingSurgeon", Map.of("name", "Dr. Sam Cutter", "institution", "Valley Surgical Group"));

    private final LocalStack stack;

    DemoScenario(LocalStack stack) {
        this.stack = stack;
    }

    private RequestSpecification as(String user) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(stack.token(user)).contentType(ContentType.JSON);
    }

    void aSpineCaseGoesToSpecialist1ThenToSpecialist2WhoAcceptsIt() {
        String caseId = as("patient1").body(SPINE_CASE).post("/api/v1/cases").then()
                .statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        String reference = as("patient1").get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().path("reference");
        as("patient1").body(Map.of("consent", Map.of("version", "2026-01", "accepted", true)))
                .post("/api/v1/cases/" + caseId + "/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));

        // matching-service ranks the demo directory and offers the case to specialist1 first
        String firstOffer = await().atMost(ASYNC).until(() -> offerFor("specialist1", reference), id -> id != null);
        // notification-service put it in specialist1's feed, with the reference and no clinical detail
        await().atMost(ASYNC).untilAsserted(() -> as("specialist1").get("/api/v1/notifications").then()
                .statusCode(200)
                .body("items.text", hasItem(containsString(reference)))
                .body("items.text", not(hasItem(containsString("microdiscectomy")))));
        // the specialist sees a PHI-free summary: no diagnosis text, no surgeon
        as("specialist1").get("/api/v1/offers").then().statusCode(200)
                .body(not(containsString("Lumbar disc"))).body(not(containsString("Cutter")));
        // before accepting, the case itself is closed to them
        as("specialist1").get("/api/v1/cases/" + caseId).then().statusCode(404);

        as("specialist1").body(Map.of("reason", "Fully booked this week"))
                .post("/api/v1/offers/" + firstOffer + "/decline").then().statusCode(200);

        String secondOffer = await().atMost(ASYNC).until(() -> offerFor("specialist2", reference), id -> id != null);
        as("specialist2").post("/api/v1/offers/" + secondOffer + "/accept").then().statusCode(200);
        // accepting twice, or accepting the declined offer, is refused
        as("specialist2").post("/api/v1/offers/" + secondOffer + "/accept").then().statusCode(409);
        as("specialist1").post("/api/v1/offers/" + firstOffer + "/accept").then().statusCode(409);

        // match.assigned moves the case to ASSIGNED and opens it to specialist2 only
        await().atMost(ASYNC).untilAsserted(() -> as("patient1").get("/api/v1/cases/" + caseId).then()
                .statusCode(200).body("status", equalTo("ASSIGNED")));
        as("specialist2").get("/api/v1/cases/" + caseId).then().statusCode(200).body("reference", equalTo(reference));
        as("specialist1").get("/api/v1/cases/" + caseId).then().statusCode(404);

        // and the patient hears about it
        await().atMost(ASYNC).untilAsserted(() -> as("patient1").get("/api/v1/notifications").then().statusCode(200)
                .body("items.text", hasItem(containsString(reference))));
    }

    /** specialist's pending offer for the case with this reference, or null while there is none yet. */
    private String offerFor(String specialist, String reference) {
        List<Map<String, Object>> offers = as(specialist).get("/api/v1/offers").then().statusCode(200)
                .extract().path("items");
        return offers == null ? null : offers.stream()
                .filter(o -> reference.equals(o.get("caseReference")))
                .map(o -> (String) o.get("id")).findFirst().orElse(null);
    }
}
