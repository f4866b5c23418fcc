package org.secondopinion.notification.webhook;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Calls {@code /api/v1/webhooks} as a clinic's integration does. */
public final class WebhookClient {

    private WebhookClient() {
    }

    /** Registers {@code url}; returns the 201 answer (with the secret). */
    public static Map<String, Object> register(String token, String url) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", url, "description", "test receiver"))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201)
                .extract().jsonPath().getMap("");
    }

    /** The webhook's delivery history, newest first (first 100). */
    public static List<Map<String, Object>> deliveries(String token, Object webhookId) {
        return given().auth().oauth2(token)
                .when().get("/api/v1/webhooks/{id}/deliveries?size=100", webhookId)
                .then().statusCode(200)
                .extract().jsonPath().getList("items");
    }
}
