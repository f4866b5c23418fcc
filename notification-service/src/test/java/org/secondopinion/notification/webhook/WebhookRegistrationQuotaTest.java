package org.secondopinion.notification.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.OperatorSettingsProfile;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Registrations per clinic per day are limited, deleted webhooks included: registering and deleting in a loop
 * stays under the live limit (10) but not under the quota.
 */
@QuarkusTest
@TestProfile(OperatorSettingsProfile.class)
class WebhookRegistrationQuotaTest {

    private static final String URL = "https://ehr.clinic.example/hooks/second-opinion";

    private static String newClinic() {
        String clinicId = "clinic-" + UUID.randomUUID();
        return TestTokens.clinic("client-" + clinicId, clinicId);
    }

    @Test
    void theRegistrationPastTheDailyQuotaIsRefusedWithRetryAfterAndStoresNothing() {
        String clinic = newClinic();
        for (int i = 0; i < OperatorSettingsProfile.WEBHOOK_REGISTRATIONS; i++) {
            Object id = WebhookClient.register(clinic, URL + "/" + i).get("id");
            given().auth().oauth2(clinic).when().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }

        given().auth().oauth2(clinic).contentType(ContentType.JSON).body(Map.of("url", URL + "/again"))
                .when().post("/api/v1/webhooks")
                .then().statusCode(429).contentType("application/problem+json")
                .body("quota", equalTo("webhook-registrations")).body("status", equalTo(429))
                .header("Retry-After", Long::parseLong, greaterThan(0L))
                .header("Retry-After", Long::parseLong, lessThanOrEqualTo(86_400L));
        given().auth().oauth2(clinic).when().get("/api/v1/webhooks").then().statusCode(200).body("total", equalTo(0));

        WebhookClient.register(newClinic(), URL);
    }
}
