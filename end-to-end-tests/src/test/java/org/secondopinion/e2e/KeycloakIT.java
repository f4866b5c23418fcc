package org.secondopinion.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.secondopinion.stack.KeycloakServer;
import org.secondopinion.stack.LocalStack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The production realm ({@code deploy/keycloak/second-opinion-realm.json}) loaded into a real Keycloak (from Maven
 * Central, started once for this class) and the whole system pointed at it: the demo scenario and the clinic
 * quick-start run on Keycloak's tokens, which carry what the services expect (roles, {@code clinic_id}, the
 * platform's audience, the documented lifetime); a token another client of the realm minted is refused; and a
 * disabled user or a revoked session stops working once its access token expires, with no refresh. For that last
 * part the test adds a client with a short token lifetime and two users of its own to the realm, rather than wait.
 */
@ExtendWith(OwnStack.class)
class KeycloakIT {

    /** The access token lifetime of the test's extra client; the realm's own lifetime stays as deployed. */
    private static final int SHORT_LIFETIME_SECONDS = 10;
    private static final String SHORT_CLIENT = "second-opinion-short-lived";
    private static final String OTHER_CLIENT = "another-app";
    private static final Path REALM = SharedStack.repoRoot().resolve("deploy/keycloak/second-opinion-realm.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static KeycloakServer keycloak;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void theSystemOnKeycloak() throws IOException {
        Path target = SharedStack.repoRoot().resolve("end-to-end-tests/target");
        Path realm = target.resolve("keycloak-it-realm.json");
        Files.createDirectories(target);
        Files.writeString(realm, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(testRealm()));
        // its own stack: the services must trust Keycloak, not the shared stack's local issuer
        stack = LocalStack.start(SharedStack.isolated("keycloak-stack").keycloak(true).realmFile(realm)
                .readyTimeout(Duration.ofMinutes(4)));
        keycloak = stack.keycloak().orElseThrow();
        // polite polling: the gateway rate-limits each caller per route (as SharedStack sets it for the other classes)
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(500));
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theDemoScenarioRunsOnKeycloakTokens() {
        new DemoScenario(stack).aSpineCaseGoesToSpecialist1ThenToSpecialist2WhoAcceptsIt();
    }

    @Test
    void theClinicQuickStartRunsWithAKeycloakClientCredentialsToken() throws Exception {
        new ClinicQuickStart(stack, receiver, Map.of("TOKEN_URL", tokenUrl()))
                .theQuickStartWorksAndEveryStatusChangeReachesTheClinicSigned();
    }

    @Test
    void keycloakTokensCarryTheRolesTheClinicIdTheAudienceAndTheDocumentedLifetime() throws IOException {
        long lifetime = JSON.readTree(REALM.toFile()).path("accessTokenLifespan").asLong();
        for (String user : new String[]{"patient1", "specialist1", "coordinator1", "admin1"}) {
            JsonNode claims = claims(stack.token(user));
            assertThat(claims.path("iss").asText()).isEqualTo(stack.oidcIssuer());
            assertThat(claims.path("sub").asText()).as("sub = the demo user's name").isEqualTo(user);
            assertThat(audience(claims)).contains("second-opinion");
            assertThat(claims.path("realm_access").path("roles").toString()).contains(roleOf(user));
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(lifetime);
        }
        JsonNode clinic = claims(stack.token("clinic1"));
        assertThat(clinic.path("sub").asText()).isEqualTo("clinic1");
        assertThat(clinic.path("azp").asText()).isEqualTo("clinic1");
        assertThat(clinic.path("clinic_id").asText()).isEqualTo("clinic1");
        assertThat(audience(clinic)).contains("second-opinion");
        assertThat(clinic.path("realm_access").path("roles").toString()).contains("\"clinic\"");

        // each role gets what DESIGN §3 gives it, and no more
        as(stack.token("patient1")).get("/api/v1/me").then().statusCode(200);
        as(stack.token("patient1")).get("/api/v1/offers").then().statusCode(403);
        as(stack.token("coordinator1")).get("/api/v1/matches").then().statusCode(200);
        as(stack.token("clinic2")).get("/api/v1/referrals/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void aTokenAnotherClientOfTheRealmMintedIsRefusedByTheGatewayAndByEveryService() {
        // signed by the same realm, holding a platform role, but minted for another application
        String other = tokenResponse(Map.of("grant_type", "client_credentials", "client_id", OTHER_CLIENT,
                "client_secret", OTHER_CLIENT)).path("access_token").asText();
        assertThat(audience(claims(other))).doesNotContain("second-opinion");

        as(other).get("/api/v1/cases").then().statusCode(401);
        given().baseUri(stack.serviceUrl("case-service")).auth().oauth2(other).get("/api/v1/cases").then()
                .statusCode(401);
        given().baseUri(stack.serviceUrl("specialist-service")).auth().oauth2(other)
                .get("/api/v1/specialists").then().statusCode(401);
        given().baseUri(stack.serviceUrl("matching-service")).auth().oauth2(other).get("/api/v1/matches").then()
                .statusCode(401);
        given().baseUri(stack.serviceUrl("notification-service")).auth().oauth2(other)
                .get("/api/v1/notifications").then().statusCode(401);
    }

    @Test
    void aRefreshedTokenWorksLikeTheFirst() {
        JsonNode first = login("patient2", DemoUser.CLI);
        as(first.path("access_token").asText()).get("/api/v1/cases").then().statusCode(200);
        JsonNode refreshed = refresh(first, DemoUser.CLI);
        assertThat(refreshed.path("access_token").asText()).isNotBlank().isNotEqualTo(first.path("access_token")
                .asText());
        as(refreshed.path("access_token").asText()).get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void aDisabledUserCannotRefreshAndTheirTokenStopsWorkingWhenItExpires() {
        JsonNode session = login("patient-disabled", DemoUser.SHORT_LIVED);
        String token = session.path("access_token").asText();
        as(token).get("/api/v1/cases").then().statusCode(200);

        assertThat(keycloak.admin("PUT", "/users/patient-disabled", "{\"enabled\": false}")).isEqualTo(204);

        assertThat(refreshStatus(session, DemoUser.SHORT_LIVED)).isEqualTo(400);
        assertThat(tokenStatus(Map.of("grant_type", "password", "client_id", SHORT_CLIENT,
                "username", "patient-disabled", "password", "patient-disabled"))).isEqualTo(400);
        awaitRefusedEverywhere(token);
    }

    @Test
    void aRevokedSessionCannotRefreshAndItsTokenStopsWorkingWhenItExpires() {
        JsonNode session = login("patient-revoked", DemoUser.SHORT_LIVED);
        String token = session.path("access_token").asText();
        as(token).get("/api/v1/cases").then().statusCode(200);

        assertThat(keycloak.admin("POST", "/users/patient-revoked/logout", null)).isEqualTo(204);

        assertThat(refreshStatus(session, DemoUser.SHORT_LIVED)).isEqualTo(400);
        awaitRefusedEverywhere(token);
    }

    /**
     * The services check tokens themselves (signature, issuer, audience, expiry) and ask Keycloak nothing per
     * request: a token stays good until it expires, so the bound is the token lifetime (plus the poll interval).
     */
    private static void awaitRefusedEverywhere(String token) {
        long expires = claims(token).path("exp").asLong();
        assertThat(expires - claims(token).path("iat").asLong()).isEqualTo(SHORT_LIFETIME_SECONDS);
        await().atMost(Duration.ofSeconds(SHORT_LIFETIME_SECONDS + 30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> as(token).get("/api/v1/cases").then().statusCode(401));
        given().baseUri(stack.serviceUrl("case-service")).auth().oauth2(token).get("/api/v1/cases").then()
                .statusCode(401);
    }

    private enum DemoUser {
        CLI("second-opinion-cli"), SHORT_LIVED(SHORT_CLIENT);

        private final String clientId;

        DemoUser(String clientId) {
            this.clientId = clientId;
        }
    }

    private static JsonNode login(String user, DemoUser via) {
        JsonNode answer = tokenResponse(Map.of("grant_type", "password", "client_id", via.clientId,
                "username", user, "password", user, "scope", "openid"));
        assertThat(answer.path("refresh_token").asText()).isNotBlank();
        return answer;
    }

    private static JsonNode refresh(JsonNode session, DemoUser via) {
        return tokenResponse(Map.of("grant_type", "refresh_token", "client_id", via.clientId,
                "refresh_token", session.path("refresh_token").asText()));
    }

    private static int refreshStatus(JsonNode session, DemoUser via) {
        return tokenStatus(Map.of("grant_type", "refresh_token", "client_id", via.clientId,
                "refresh_token", session.path("refresh_token").asText()));
    }

    private static JsonNode tokenResponse(Map<String, String> form) {
        HttpResponse<String> response = post(form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int tokenStatus(Map<String, String> form) {
        return post(form).statusCode();
    }

    private static HttpResponse<String> post(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String tokenUrl() {
        return stack.oidcIssuer() + "/protocol/openid-connect/token";
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(stack.gatewayUrl()).auth().oauth2(token);
    }

    private static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String audience(JsonNode claims) {
        return claims.path("aud").toString();
    }

    private static String roleOf(String user) {
        return "\"" + user.replaceAll("\\d+$", "") + "\"";
    }

    /**
     * The deployed realm plus what this test needs and production must not have: a public client whose tokens live
     * {@value #SHORT_LIFETIME_SECONDS} s (same mappers as the CLI client), two patients to disable and log out, and
     * another application's client without the platform's audience.
     */
    private static ObjectNode testRealm() throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(REALM.toFile());
        ArrayNode clients = (ArrayNode) realm.path("clients");
        JsonNode cli = null;
        for (JsonNode client : clients) {
            if (client.path("clientId").asText().equals("second-opinion-cli")) {
                cli = client;
            }
        }
        assertThat(cli).as("the realm's CLI client").isNotNull();
        ObjectNode shortLived = cli.deepCopy();
        shortLived.put("clientId", SHORT_CLIENT);
        shortLived.put("name", "short-lived tokens (test only)");
        shortLived.putObject("attributes").put("access.token.lifespan", Integer.toString(SHORT_LIFETIME_SECONDS));
        clients.add(shortLived);

        ObjectNode other = clients.addObject();
        other.put("clientId", OTHER_CLIENT);
        other.put("enabled", true);
        other.put("publicClient", false);
        other.put("clientAuthenticatorType", "client-secret");
        other.put("secret", OTHER_CLIENT);
        other.put("serviceAccountsEnabled", true);
        other.put("standardFlowEnabled", false);
        other.put("directAccessGrantsEnabled", false);
        ArrayNode users = (ArrayNode) realm.path("users");
        users.add(serviceAccount(OTHER_CLIENT, "admin"));
        for (String name : new String[]{"patient-disabled", "patient-revoked"}) {
            users.add(user(name));
        }
        return realm;
    }

    private static ObjectNode user(String name) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", name);
        user.put("username", name);
        user.put("enabled", true);
        user.put("emailVerified", true);
        user.put("firstName", "Test");
        user.put("lastName", "Patient");
        user.put("email", name + "@example.test");
        user.put("credentials", java.util.List.of(Map.of("type", "password", "value", name, "temporary", false)));
        user.put("realmRoles", java.util.List.of("patient"));
        return JSON.valueToTree(user);
    }

    private static ObjectNode serviceAccount(String clientId, String role) {
        return JSON.valueToTree(Map.of("id", clientId, "username", "service-account-" + clientId, "enabled", true,
                "serviceAccountClientId", clientId, "realmRoles", java.util.List.of(role)));
    }
}
