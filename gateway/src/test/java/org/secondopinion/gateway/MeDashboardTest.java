package org.secondopinion.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/me} against the stand-in services (part deadline 500 ms in tests). */
@QuarkusTest
class MeDashboardTest {

    @Test
    void patientSeesIdentityOpenCasesAndUnreadCount() {
        Response me = given().auth().oauth2(TestTokens.patient("patient1")).header("X-Request-Id", "me-1")
                .when().get("/api/v1/me")
                .then().statusCode(200).contentType("application/json")
                .header("Cache-Control", "no-store").header("X-Request-Id", "me-1").extract().response();

        assertThat(me.jsonPath().getString("user.id")).isEqualTo("patient1");
        assertThat(me.jsonPath().getList("user.roles")).containsExactly("patient");
        assertThat(me.jsonPath().getString("openCases.status")).isEqualTo("ok");
        // the stand-in lists SUBMITTED, CANCELLED and IN_REVIEW cases
        assertThat(me.jsonPath().getList("openCases.items.reference")).containsExactly("SO-1", "SO-3");
        assertThat(me.jsonPath().getInt("unreadNotifications.count")).isEqualTo(4);
        // offers are a specialist's business
        assertThat(me.jsonPath().getMap("$")).doesNotContainKey("pendingOffers");
    }

    @Test
    void eachPartIsAskedOnceWithTheCallersToken() {
        int cases = hits("case-service");
        int notifications = hits("notification-service");

        // the stand-ins answer these calls with 401 unless the caller's token and a request id came along
        given().auth().oauth2(TestTokens.patient("patient2")).when().get("/api/v1/me").then().statusCode(200)
                .body("openCases.status", org.hamcrest.Matchers.equalTo("ok"))
                .body("unreadNotifications.status", org.hamcrest.Matchers.equalTo("ok"));

        assertThat(hits("case-service")).isEqualTo(cases + 1);
        assertThat(hits("notification-service")).isEqualTo(notifications + 1);
    }

    @Test
    void specialistAlsoSeesPendingOffers() {
        Response me = given().auth().oauth2(TestTokens.specialist("specialist1"))
                .when().get("/api/v1/me").then().statusCode(200).extract().response();

        assertThat(me.jsonPath().getString("pendingOffers.status")).isEqualTo("ok");
        assertThat(me.jsonPath().getInt("pendingOffers.count")).isEqualTo(1);
        assertThat(me.jsonPath().getString("pendingOffers.items[0].id")).isEqualTo("o-1");
    }

    @Test
    void clinicSeesItsClinicAndNoCaseList() {
        Response me = given().auth().oauth2(TestTokens.clinic("clinic1", "clinic1"))
                .when().get("/api/v1/me").then().statusCode(200).extract().response();

        assertThat(me.jsonPath().getString("user.clinicId")).isEqualTo("clinic1");
        assertThat(me.jsonPath().getMap("$")).doesNotContainKeys("openCases", "pendingOffers");
    }

    @Test
    void slowAndFailingPartsAreMarkedUnavailableAndThePageStillAnswersQuickly() {
        long started = System.nanoTime();
        Response me = given().auth().oauth2(TestTokens.patient(UpstreamsTestResource.DEGRADED_USER))
                .when().get("/api/v1/me").then().statusCode(200).extract().response();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(me.jsonPath().getString("user.id")).isEqualTo(UpstreamsTestResource.DEGRADED_USER);
        assertThat(me.jsonPath().getString("openCases.status")).isEqualTo("unavailable");
        assertThat(me.jsonPath().getString("openCases.reason")).isEqualTo("timeout");
        assertThat(me.jsonPath().getString("unreadNotifications.status")).isEqualTo("unavailable");
        assertThat(me.jsonPath().getString("unreadNotifications.reason")).isEqualTo("upstream-status-500");
        // the parts ran in parallel: one 500 ms deadline, not the sum, and not the stand-in's 3 s
        assertThat(elapsed).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void meNeedsAToken() {
        given().when().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
    }

    private static int hits(String service) {
        URI url = URI.create(ConfigProvider.getConfig().getValue("so.gateway.routes." + service + ".url", String.class));
        return Integer.parseInt(given().baseUri("http://" + url.getHost()).port(url.getPort())
                .when().get("/__hits").then().statusCode(200).extract().asString());
    }
}
