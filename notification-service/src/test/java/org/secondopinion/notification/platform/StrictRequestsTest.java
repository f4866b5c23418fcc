package org.secondopinion.notification.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.StrictRequestsContract;
import org.secondopinion.infra.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's request-parsing rules over every operation of notification-service (see
 * {@link StrictRequestsContract}), and the order of refusals (DESIGN §3) over every operation under
 * {@code /api/v1/webhooks/{id}}.
 */
@QuarkusTest
class StrictRequestsTest extends StrictRequestsContract {

    private static final String WEBHOOK_SCOPED = "/api/v1/webhooks/{id}";

    /** Webhook operations answer 404 before judging a request, so the request checks run on the caller's webhook. */
    @BeforeEach
    void aWebhookOfTheCaller() {
        String own = register(anyone);
        checks.pathsBy(op -> op.template().startsWith(WEBHOOK_SCOPED) ? op.path(Map.of("id", own)) : op.path());
    }

    @Test
    void onEveryWebhookOperationAnotherClinicGets404WhateverTheRequestAndTheOwnerGetsTheRequestsRefusal() {
        String otherClinic = "clinic-" + UUID.randomUUID();
        String othersWebhook = register(TestTokens.clinic(otherClinic, otherClinic));
        String stranger = TestTokens.clinic("stranger-" + UUID.randomUUID(), "clinic-" + UUID.randomUUID());
        int sent = checks.objectBeforeRequest(op -> op.template().startsWith(WEBHOOK_SCOPED),
                op -> op.path(Map.of("id", othersWebhook)), stranger, anyone);
        long operations = checks.operations().stream().filter(op -> op.template().startsWith(WEBHOOK_SCOPED))
                .count();
        System.out.printf("order of refusals: %d requests over %d webhook operations, all as required%n", sent,
                operations);
        assertThat(operations).isGreaterThanOrEqualTo(3);
    }

    private static String register(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "https://ehr.clinic.example/hooks/second-opinion", "description", "strict"))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }
}
