package org.secondopinion.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secondopinion.infra.testing.TestTokens;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class GatewayProxyTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final String patientToken = TestTokens.patient("patient1");

    @ParameterizedTest
    @CsvSource({
            "/api/v1/cases/5e000000-0000-4000-8000-0000000000aa/documents, page=1&size=20, case-service",
            "/api/v1/cases, status=SUBMITTED, case-service",
            "/api/v1/referrals/r-1, , case-service",
            "/api/v1/fhir/ServiceRequest, _format=json, case-service",
            "/api/v1/insights/outcomes, procedure=63030&urgency=URGENT, case-service",
            "/api/v1/specialists, specialty=ORTHOPAEDIC_SURGERY&state=CA&q=spine%20surgeon, specialist-service",
            "/api/v1/specialties, , specialist-service",
            "/api/v1/offers/o-1/accept, , matching-service",
            "/api/v1/matches, status=OPEN, matching-service",
            "/api/v1/notifications/unread-count, , notification-service",
            "/api/v1/notification-preferences, , notification-service",
            "/api/v1/webhooks/w-1/deliveries, page=2, notification-service"
    })
    void everyPrefixReachesItsServiceWithPathQueryAndCallerToken(String path, String query, String service) {
        String url = query == null ? path : path + "?" + query;
        Response response = given().urlEncodingEnabled(false).auth().oauth2(patientToken)
                .when().get(url)
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getString("service")).isEqualTo(service);
        assertThat(response.jsonPath().getString("method")).isEqualTo("GET");
        assertThat(response.jsonPath().getString("path")).isEqualTo(path);
        assertThat(response.jsonPath().getString("query")).isEqualTo(query);
        assertThat(response.jsonPath().getString("headers.authorization")).isEqualTo("Bearer " + patientToken);
        assertThat(response.jsonPath().getString("headers.x-request-id"))
                .isEqualTo(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void requestBodyAndMethodPassThrough() {
        Response response = given().auth().oauth2(TestTokens.clinic("clinic1", "clinic1"))
                .contentType(ContentType.JSON).body("{\"patientState\":\"CA\"}")
                .when().post("/api/v1/referrals")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getString("method")).isEqualTo("POST");
        assertThat(response.jsonPath().getString("body")).isEqualTo("{\"patientState\":\"CA\"}");
        assertThat(response.jsonPath().getString("headers.content-type")).startsWith("application/json");
    }

    /**
     * A service's quota refusal reaches the caller as the service gave it, Retry-After included (a client must know
     * when to come back), and is an answer, not an upstream failure: more of them than the breaker's threshold leave
     * the route open.
     */
    @Test
    void aServicesQuotaRefusalPassesThroughWithItsRetryAfterAndOpensNoBreaker() {
        String token = TestTokens.patient("patient-quota");
        for (int i = 0; i < 7; i++) {
            Response refused = given().auth().oauth2(token)
                    .when().post("/api/v1/cases/c-1/documents/quota-exceeded")
                    .then().statusCode(429).contentType("application/problem+json").extract().response();
            assertThat(refused.header("Retry-After")).isEqualTo("3600");
            assertThat(refused.jsonPath().getString("detail")).isEqualTo("upload quota of this case used up for today");
        }
        given().auth().oauth2(token).when().get("/api/v1/cases/c-1").then().statusCode(200);
    }

    @Test
    void callersRequestIdIsForwardedAndEchoed() {
        Response response = given().auth().oauth2(patientToken).header("X-Request-Id", "demo-42.a:b")
                .when().get("/api/v1/cases")
                .then().statusCode(200).header("X-Request-Id", "demo-42.a:b").extract().response();

        assertThat(response.jsonPath().getString("headers.x-request-id")).isEqualTo("demo-42.a:b");
    }

    @Test
    void requestIdIsGeneratedWhenAbsent() {
        Response response = given().auth().oauth2(patientToken)
                .when().get("/api/v1/specialties")
                .then().statusCode(200).extract().response();

        assertThat(response.header("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(response.jsonPath().getString("headers.x-request-id")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void unsafeRequestIdIsReplaced() {
        Response response = given().auth().oauth2(patientToken).header("X-Request-Id", "<script>alert(1)</script>")
                .when().get("/api/v1/specialties")
                .then().statusCode(200).extract().response();

        assertThat(response.header("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(response.jsonPath().getString("headers.x-request-id")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void forwardedHeadersAreSetAndHopByHopHeadersStayAtTheGateway() {
        Response response = given().auth().oauth2(patientToken)
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "for-the-gateway-only")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .header("X-Forwarded-For", "203.0.113.7")
                .when().get("/api/v1/offers")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getMap("headers")).doesNotContainKeys("x-hop-secret", "proxy-authorization");
        assertThat(response.jsonPath().getString("headers.x-forwarded-for")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(response.jsonPath().getString("headers.x-forwarded-proto")).isEqualTo("http");
        assertThat(response.jsonPath().getString("headers.x-forwarded-host")).contains(":" + gatewayPort());
    }

    @Test
    void callerWithoutTokenGets401ProblemAndTheServiceIsNotCalled() {
        int before = UpstreamsTestResource.hits("case-service");

        Response response = given().header("X-Request-Id", "no-token-1")
                .when().get("/api/v1/cases")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").extract().response();

        assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
        assertThat(response.jsonPath().getString("instance")).isEqualTo("/api/v1/cases");
        assertThat(response.jsonPath().getString("requestId")).isEqualTo("no-token-1");
        assertThat(UpstreamsTestResource.hits("case-service")).isEqualTo(before);
    }

    @Test
    void tokenWithForgedClaimsFailsSignatureCheckAndGets401() {
        // a patient's signed token with its payload swapped for an admin's: the signature no longer matches
        String[] parts = patientToken.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"patient\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];
        int before = UpstreamsTestResource.hits("case-service");

        given().auth().oauth2(forged)
                .when().get("/api/v1/cases")
                .then().statusCode(401).contentType("application/problem+json");

        assertThat(UpstreamsTestResource.hits("case-service")).isEqualTo(before);
    }

    @Test
    void tokenMintedForAnotherAudienceGets401AndTheServiceIsNotCalled() {
        // validly signed by the platform's issuer, but for another client of the realm
        String otherAudience = TestTokens.forAudience("another-app", "patient-aud", "patient");
        int before = UpstreamsTestResource.hits("case-service");

        given().auth().oauth2(otherAudience)
                .when().get("/api/v1/cases")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(otherAudience)
                .when().get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json");

        assertThat(UpstreamsTestResource.hits("case-service")).isEqualTo(before);
    }

    @Test
    void garbageTokenGets401Problem() {
        given().auth().oauth2("not-a-jwt")
                .when().get("/api/v1/specialists")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void unknownApiPathGets404Problem() {
        for (String path : new String[]{"/api/v1/unknown", "/api/v1/casesx", "/api/v2/cases", "/api"}) {
            Response response = given().auth().oauth2(patientToken)
                    .when().get(path)
                    .then().statusCode(404).contentType("application/problem+json").extract().response();
            assertThat(response.jsonPath().getInt("status")).isEqualTo(404);
            assertThat(response.jsonPath().getString("requestId")).isEqualTo(response.header("X-Request-Id"));
        }
    }

    @Test
    void dotSegmentsCannotLeaveTheRoutedPrefix() {
        Response response = given().urlEncodingEnabled(false).auth().oauth2(patientToken)
                .when().get("/api/v1/specialists/../cases/x")
                .then().statusCode(200).extract().response();

        // routed on the normalized path, and the same path is what the service sees
        assertThat(response.jsonPath().getString("service")).isEqualTo("case-service");
        assertThat(response.jsonPath().getString("path")).isEqualTo("/api/v1/cases/x");
    }

    @Test
    void healthIsOpenWithoutToken() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void serviceDownGives503ProblemQuickly() {
        long started = System.nanoTime();
        Response response = given().auth().oauth2(patientToken).header("X-Request-Id", "down-1")
                .when().get("/api/v1/test-down/anything")
                .then().statusCode(503).contentType("application/problem+json")
                .header("X-Request-Id", "down-1").extract().response();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(response.jsonPath().getString("requestId")).isEqualTo("down-1");
        assertThat(response.jsonPath().getString("detail")).contains("test-down");
    }

    @Test
    void slowServiceGives504WithinItsTimeoutWhileOtherRoutesStillAnswer() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() ->
                given().auth().oauth2(patientToken).header("X-Request-Id", "slow-1")
                        .when().get("/api/v1/test-slow/report").then().extract().response());

        // while the slow call hangs (its upstream never answers), another route is served normally
        given().auth().oauth2(patientToken).when().get("/api/v1/specialties").then().statusCode(200);

        Response response = slow.get(10, TimeUnit.SECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("requestId")).isEqualTo("slow-1");
        // the route's timeout is 1 s
        assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
    }

    @Test
    void fiveMegabyteUploadArrivesIntact() {
        byte[] upload = TestPayloads.bytes(TestPayloads.FIVE_MB, 7);

        Response response = given().auth().oauth2(patientToken)
                .contentType(ContentType.BINARY).body(upload)
                .when().post("/api/v1/cases/5e000000-0000-4000-8000-0000000000aa/upload")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getLong("bytes")).isEqualTo(TestPayloads.FIVE_MB);
        assertThat(response.jsonPath().getString("sha256")).isEqualTo(TestPayloads.sha256(upload));
    }

    @Test
    void fiveMegabyteDownloadArrivesIntact() {
        byte[] downloaded = given().auth().oauth2(patientToken)
                .queryParam("bytes", TestPayloads.FIVE_MB).queryParam("seed", 11)
                .when().get("/api/v1/cases/5e000000-0000-4000-8000-0000000000aa/download")
                .then().statusCode(200).extract().asByteArray();

        assertThat(downloaded).hasSize(TestPayloads.FIVE_MB);
        assertThat(TestPayloads.sha256(downloaded))
                .isEqualTo(TestPayloads.sha256(TestPayloads.bytes(TestPayloads.FIVE_MB, 11)));
    }

    /** How many requests a stand-in service received, asked directly (not through the gateway). */
    private static int gatewayPort() {
        return RestAssured.port;
    }
}
