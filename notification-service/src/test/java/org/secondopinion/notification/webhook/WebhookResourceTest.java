package org.secondopinion.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class WebhookResourceTest {

    private static final String URL = "https://ehr.clinic.example/hooks/second-opinion";

    private static String newClinic() {
        String clinicId = "clinic-" + UUID.randomUUID();
        return TestTokens.clinic("client-" + clinicId, clinicId);
    }

    @Test
    void theSecretIsShownOnceAtRegistrationAndNeverListed() {
        String clinic = newClinic();

        String location = given().auth().oauth2(clinic).contentType(ContentType.JSON)
                .body(Map.of("url", URL, "description", "EHR integration (prod)"))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201)
                .body("url", equalTo(URL))
                .body("description", equalTo("EHR integration (prod)"))
                .body("secret", startsWith("whsec_"))
                .body("createdAt", not(equalTo(null)))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(location).endsWith("/api/v1/webhooks/" + id);

        given().auth().oauth2(clinic).when().get("/api/v1/webhooks")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].url", equalTo(URL))
                .body("items[0]", not(hasKey("secret")));
        given().auth().oauth2(clinic).when().get(location)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("$", not(hasKey("secret")));
        given().auth().oauth2(clinic).when().get("/api/v1/webhooks/{id}/deliveries", id)
                .then().statusCode(200)
                .body("total", equalTo(0))
                .body("page", equalTo(0));
    }

    @Test
    void secretsAreLongRandomAndDifferentPerWebhook() {
        String clinic = newClinic();
        String first = (String) WebhookClient.register(clinic, URL).get("secret");
        String second = (String) WebhookClient.register(clinic, URL).get("secret");

        assertThat(first).isNotEqualTo(second);
        // whsec_ + base64url of 32 random bytes
        assertThat(first).matches("whsec_[A-Za-z0-9_-]{43}");
    }

    @Test
    void anUnknownCallbackKindIsRefusedNamingIt() {
        String token = TestTokens.clinic("clinic-kinds", "clinic-kinds");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "https://ehr.clinic.example/hooks", "events", List.of("case.submitted.v1")))
                .when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("events")));
        // without a choice, a webhook gets every kind
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "https://ehr.clinic.example/hooks"))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201)
                .body("events", org.hamcrest.Matchers.contains("referral.created", "referral.claimed",
                        "referral.status-changed", "referral.consult-booked"));
    }

    @Test
    void aUrlThatIsNotAnAbsoluteHttpUrlIsRefusedNamingUrl() {
        String clinic = newClinic();
        for (String bad : List.of("ftp://files.clinic.example/in", "not a url", "/relative/path", "",
                "https://user:secret@clinic.example/hooks", "https://" + "a".repeat(2000) + ".example/")) {
            given().auth().oauth2(clinic).contentType(ContentType.JSON).body(Map.of("url", bad))
                    .when().post("/api/v1/webhooks")
                    .then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("violations[0].field", equalTo("url"));
        }
        given().auth().oauth2(clinic).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/webhooks")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("url"));
        given().auth().oauth2(clinic).when().get("/api/v1/webhooks")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aTooLongDescriptionIsRefusedNamingIt() {
        given().auth().oauth2(newClinic()).contentType(ContentType.JSON)
                .body(Map.of("url", URL, "description", "d".repeat(201)))
                .when().post("/api/v1/webhooks")
                .then().statusCode(400)
                .body("violations[0].field", containsString("description"));
    }

    @Test
    void aClinicTokenOfAClientThatIsNotAPartnerClinicsMayNotManageWebhooks() {
        String clinicId = "clinic-" + UUID.randomUUID();
        String own = given().auth().oauth2(TestTokens.clinic("client-" + clinicId, clinicId))
                .contentType(ContentType.JSON).body(Map.of("url", URL)).when().post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        // the same clinic's claims, but a token the users' public client fetched
        String otherClient = TestTokens.clinicIssuedTo(TestTokens.USER_CLIENT, "client-" + clinicId, clinicId);

        given().auth().oauth2(otherClient).contentType(ContentType.JSON).body(Map.of("url", URL))
                .when().post("/api/v1/webhooks")
                .then().statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString(TestTokens.USER_CLIENT));
        given().auth().oauth2(otherClient).when().get("/api/v1/webhooks").then().statusCode(403);
        given().auth().oauth2(otherClient).when().delete("/api/v1/webhooks/{id}", own).then().statusCode(403);
        given().auth().oauth2(TestTokens.clinic("client-" + clinicId, clinicId)).when()
                .get("/api/v1/webhooks/{id}", own).then().statusCode(200);
    }

    @Test
    void aClinicTokenWithoutClinicIdMayNotManageWebhooks() {
        String noClinic = TestTokens.of("client-without-clinic", "clinic");

        given().auth().oauth2(noClinic).contentType(ContentType.JSON).body(Map.of("url", URL))
                .when().post("/api/v1/webhooks")
                .then().statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("clinic_id"));
        given().auth().oauth2(noClinic).when().get("/api/v1/webhooks").then().statusCode(403);
    }

    @Test
    void anotherClinicsWebhookIsNotFoundOnEveryPath() {
        String owner = newClinic();
        String other = newClinic();
        Object id = WebhookClient.register(owner, URL).get("id");

        given().auth().oauth2(other).when().get("/api/v1/webhooks/{id}", id).then().statusCode(404);
        given().auth().oauth2(other).when().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(404);
        given().auth().oauth2(other).when().delete("/api/v1/webhooks/{id}", id).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(other).when().get("/api/v1/webhooks").then().statusCode(200).body("total", equalTo(0));

        // still there for its owner
        given().auth().oauth2(owner).when().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200);
    }

    @Test
    void aDeletedWebhookIsGoneFromEveryPath() {
        String clinic = newClinic();
        Object id = WebhookClient.register(clinic, URL).get("id");

        given().auth().oauth2(clinic).when().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);

        given().auth().oauth2(clinic).when().get("/api/v1/webhooks").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(clinic).when().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(404);
        given().auth().oauth2(clinic).when().delete("/api/v1/webhooks/{id}", id).then().statusCode(404);
    }

    @Test
    void aClinicMayRegisterAtMostTenWebhooks() {
        String clinic = newClinic();
        for (int i = 0; i < 10; i++) {
            WebhookClient.register(clinic, URL + "/" + i);
        }

        given().auth().oauth2(clinic).contentType(ContentType.JSON).body(Map.of("url", URL + "/10"))
                .when().post("/api/v1/webhooks")
                .then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("limit", equalTo(10));

        // deleting one makes room again
        Object first = given().auth().oauth2(clinic).when().get("/api/v1/webhooks?size=100")
                .then().statusCode(200).body("total", equalTo(10)).extract().path("items[0].id");
        given().auth().oauth2(clinic).when().delete("/api/v1/webhooks/{id}", first).then().statusCode(204);
        WebhookClient.register(clinic, URL + "/10");
    }

    @Test
    void onlyClinicsMayUseTheWebhookApi() {
        given().when().get("/api/v1/webhooks").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("url", URL))
                .when().post("/api/v1/webhooks").then().statusCode(401);
        given().auth().oauth2(TestTokens.patient("patient1")).when().get("/api/v1/webhooks").then().statusCode(403);
        given().auth().oauth2(TestTokens.patient("patient1")).contentType(ContentType.JSON).body(Map.of("url", URL))
                .when().post("/api/v1/webhooks").then().statusCode(403);
        given().auth().oauth2(TestTokens.coordinator("coordinator1")).when().get("/api/v1/webhooks")
                .then().statusCode(403);
    }
}
