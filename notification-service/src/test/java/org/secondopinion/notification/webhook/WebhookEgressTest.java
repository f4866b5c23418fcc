package org.secondopinion.notification.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.notification.OperatorSettingsProfile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.secondopinion.notification.webhook.WebhookClient.deliveries;

/**
 * Webhooks only reach public addresses. Every other test delivers to a receiver on 127.0.0.1, so the test profile
 * allows private addresses; this one runs with the production setting ({@link OperatorSettingsProfile}).
 */
@QuarkusTest
@TestProfile(OperatorSettingsProfile.class)
class WebhookEgressTest {

    @Inject
    ObjectMapper json;

    @Inject
    WebhookRepository repository;

    @Inject
    WebhookSecrets secrets;

    @Test
    void aUrlPointingAtTheCloudMetadataServiceOrLocalhostIsRefusedNamingUrlAndNothingIsStored() {
        String clinicId = "clinic-" + UUID.randomUUID();
        String clinic = TestTokens.clinic("client-" + clinicId, clinicId);

        for (String inside : List.of("https://169.254.169.254/latest", "https://localhost/hook")) {
            given().auth().oauth2(clinic).contentType(ContentType.JSON).body(Map.of("url", inside))
                    .when().post("/api/v1/webhooks")
                    .then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("violations[0].field", equalTo("url"))
                    .body("violations[0].message", containsString("public address"));
        }

        given().auth().oauth2(clinic).when().get("/api/v1/webhooks")
                .then().statusCode(200).body("total", equalTo(0));
        // a public destination is still fine with the production setting
        WebhookClient.register(clinic, "https://ehr.clinic.example/hooks/second-opinion");
    }

    @Test
    void aWebhookWhoseHostNowResolvesInsideIsNotCalledAndItsDeliveryEndsDeadAtOnce() throws Exception {
        String clinicId = "clinic-" + UUID.randomUUID();
        String clinic = TestTokens.clinic("client-" + clinicId, clinicId);
        try (WebhookReceiver receiver = WebhookReceiver.alwaysOk()) {
            // registration refuses localhost itself; this stands for a public name the clinic later pointed at us
            String url = receiver.url().replace("127.0.0.1", "localhost");
            UUID id = UUID.randomUUID();
            Webhook webhook = new Webhook(id, clinicId, url, "points inside",
                    secrets.seal(id, WebhookSigner.newSecret()), Instant.now()).subscribedTo(List.of());
            QuarkusTransaction.requiringNew().run(() -> repository.persist(webhook));
            UUID caseId = UUID.randomUUID();

            TestEvents.sendCaseEvent(json, TestEvents.caseReferred(json, caseId, TestEvents.newReference(),
                    UUID.randomUUID(), clinicId, "ORD-" + caseId.toString().substring(0, 8), "SUBMITTED"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveries(clinic, webhook.id))
                    .singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("DEAD")));
            Map<String, Object> dead = deliveries(clinic, webhook.id).get(0);
            // not retried: 1 attempt of %test.so.work.webhooks.max-attempts=6, no answer, the reason in the history
            assertThat(dead).containsEntry("attempts", 1).containsEntry("lastStatusCode", null)
                    .containsEntry("nextAttemptAt", null).containsEntry("sentAt", null);
            assertThat((String) dead.get("lastError")).startsWith("destination not public: localhost resolves to ")
                    .contains("a loopback address");
            assertThat(receiver.received()).isEmpty();
        }
    }
}
