package org.secondopinion.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.secondopinion.stack.LocalStack;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The Foundation slice through all five packaged services, each in its own process, on a real PostgreSQL, Kafka and
 * OIDC issuer, driven only through the gateway — the demo scenario of DESIGN §12: a Californian patient's spine case
 * is offered to specialist1, who declines; specialist2 gets it, accepts, and the patient sees the case assigned.
 */
@ExtendWith(SharedStack.class)
class PlatformSliceIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static LocalStack stack;

    private static final Map<String, Object> SPINE_CASE = DemoScenario.SPINE_CASE;

    @BeforeAll
    static void theWholeSystem() {
        stack = SharedStack.stack();
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(stack.token(user)).contentType(ContentType.JSON);
    }

    @Test
    void aSpineCaseGoesToSpecialist1ThenToSpecialist2WhoAcceptsIt() {
        new DemoScenario(stack).aSpineCaseGoesToSpecialist1ThenToSpecialist2WhoAcceptsIt();
    }

    @Test
    void aPatientWhoGaveAnAddressGetsAnEMailWithoutClinicalDetails() throws Exception {
        as("patient2").body(Map.of("email", "patient2@example.com")).put("/api/v1/notification-preferences").then()
                .statusCode(200);
        String caseId = as("patient2").body(SPINE_CASE).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String reference = as("patient2").body(Map.of("consent", Map.of("version", "2026-01", "accepted", true)))
                .post("/api/v1/cases/" + caseId + "/submit").then().statusCode(200).extract().path("reference");

        jakarta.mail.internet.MimeMessage mail = await().atMost(ASYNC).until(() -> stack.mail().received().stream()
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals("patient2@example.com")
                                && m.getSubject().contains(reference);
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElse(null), m -> m != null);
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mail);
        org.assertj.core.api.Assertions.assertThat(body).contains(reference)
                .doesNotContain("M51.26", "63030", "Lumbar", "microdiscectomy", "Cutter");
    }

    @Test
    void theGatewayAndTheServicesKeepEachCallerToTheirOwn() {
        given().get("/api/v1/cases").then().statusCode(401);
        given().header("Authorization", "Bearer forged.token.value").get("/api/v1/cases").then().statusCode(401);

        String caseId = as("patient1").body(SPINE_CASE).post("/api/v1/cases").then().statusCode(201)
                .header("X-Request-Id", not(equalTo(""))).extract().path("id");
        as("patient2").get("/api/v1/cases/" + caseId).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        as("patient1").get("/api/v1/offers").then().statusCode(403);
        as("specialist1").body(SPINE_CASE).post("/api/v1/cases").then().statusCode(403);
        // the directory is there for any signed-in user
        as("patient2").get("/api/v1/specialists?specialty=ORTHOPAEDIC_SURGERY&state=CA").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        int before = as("patient2").get("/api/v1/cases").then().statusCode(200).extract().path("total");
        as("patient2").body(Map.of("procedure", Map.of("code", "63030", "text", "x"))).post("/api/v1/cases").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("violations.field", hasItem(containsString("diagnosis")));
        as("patient2").body("{\"diagnosis\": ").post("/api/v1/cases").then().statusCode(400);
        as("patient2").get("/api/v1/cases").then().body("total", equalTo(before));
    }

    @Test
    void aRequestIdChosenByTheClientComesBack() {
        as("patient1").header("X-Request-Id", "e2e-trace-42").get("/api/v1/cases").then()
                .statusCode(200).header("X-Request-Id", "e2e-trace-42");
    }
}
