package org.secondopinion.notification;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Reads a caller's feed through the REST API, as the web client does. */
public final class FeedClient {

    private FeedClient() {
    }

    public static JsonPath feed(String token, String query) {
        return given().auth().oauth2(token)
                .when().get("/api/v1/notifications" + query)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /** The caller's (first 100) items about one case. */
    public static List<Map<String, Object>> itemsAbout(String token, String reference) {
        return feed(token, "?size=100").<Map<String, Object>>getList("items").stream()
                .filter(item -> reference.equals(item.get("caseReference")))
                .toList();
    }

    /** The kinds of the caller's (first 100) items about one case, newest first. */
    public static List<Object> kindsAbout(String token, String reference) {
        return itemsAbout(token, reference).stream().map(item -> item.get("kind")).toList();
    }

    public static long unreadCount(String token) {
        return given().auth().oauth2(token)
                .when().get("/api/v1/notifications/unread-count")
                .then().statusCode(200)
                .extract().jsonPath().getLong("count");
    }
}
