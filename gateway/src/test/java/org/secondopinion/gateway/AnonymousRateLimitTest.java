package org.secondopinion.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callers without a valid token are limited by address. Own profile (a tiny budget): every other test from this
 * machine is also "anonymous from 127.0.0.1" when it checks a 401.
 */
@QuarkusTest
@TestProfile(AnonymousRateLimitTest.TinyAnonymousBudget.class)
class AnonymousRateLimitTest {

    public static class TinyAnonymousBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("so.gateway.anonymous-rate-limit.capacity", "2",
                    "so.gateway.anonymous-rate-limit.period", "6s");
        }
    }

    @Test
    void tokenGuessingFromOneAddressIsThrottledWhileSignedInCallersAreNot() {
        // first validation fetches the issuer's keys: keep that out of the timed part
        given().auth().oauth2(TestTokens.patient("patient1")).when().get("/api/v1/cases").then().statusCode(200);

        given().when().get("/api/v1/cases").then().statusCode(401);
        given().auth().oauth2("guessed-token").when().get("/api/v1/cases").then().statusCode(401);

        Response refused = given().auth().oauth2("another-guess").when().get("/api/v1/cases")
                .then().statusCode(429).contentType("application/problem+json").extract().response();
        // 2 per 6 s: one comes back every 3 s
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);

        // the same address with a valid token is counted as that client, not as the address
        given().auth().oauth2(TestTokens.patient("patient1")).when().get("/api/v1/cases").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/api/v1/cases").then().statusCode(401));
    }
}
