package org.secondopinion.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The gateway's own answers follow the services' request rules (issue 15): who may call, and how long a line. */
@QuarkusTest
class StrictEdgeTest {

    @Test
    void aTokenWithoutAnyRoleGets403OnTheDashboardLikeOnEveryService() {
        given().auth().oauth2(TestTokens.of("norole-1")).when().get("/api/v1/me")
                .then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403)).body("detail", containsString("no role"));
    }

    @Test
    void aSignedTokenWithoutSubGets401OnTheDashboardAndBeforeAnyService() {
        String token = TestTokens.withoutSubject("nosub", "patient");
        given().auth().oauth2(token).when().get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("detail", containsString("sub"));
        given().auth().oauth2(token).when().get("/api/v1/cases")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRequestLineOverTheLimitGets414WithAProblem() {
        given().auth().oauth2(TestTokens.patient("patient-longline"))
                .when().get("/api/v1/cases?q=" + "x".repeat(8200))
                .then().statusCode(414).contentType("application/problem+json")
                .body("status", equalTo(414)).body("detail", containsString("8192 characters"));
    }
}
