package org.secondopinion.notification.preferences;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PreferencesResourceTest {

    private static final String PATH = "/api/v1/notification-preferences";

    @Test
    void aNewcomerSeesTheDefaults() {
        given().auth().oauth2(TestTokens.patient("patient-" + UUID.randomUUID()))
                .when().get(PATH)
                .then().statusCode(200)
                .body("email", nullValue())
                .body("pushTokens", empty())
                .body("channels.CASE_UPDATED", contains("EMAIL"))
                .body("quietHours", nullValue())
                .body("inAppAlwaysOn", equalTo(true));
    }

    @Test
    void aPersonSetsContactPointsChannelsAndQuietHours() {
        String token = TestTokens.specialist("specialist-" + UUID.randomUUID());
        Map<String, Object> body = Map.of(
                "email", "dr.x@example.org",
                "phone", "+14155550100",
                "pushTokens", List.of("device-a"),
                "channels", Map.of("OFFER_RECEIVED", List.of("SMS", "PUSH", "EMAIL"), "CASE_UPDATED", List.of()),
                "quietHours", Map.of("start", "22:00", "end", "07:00", "timeZone", "America/Los_Angeles"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put(PATH)
                .then().statusCode(200)
                .body("phone", equalTo("+14155550100"));

        given().auth().oauth2(token)
                .when().get(PATH)
                .then().statusCode(200)
                .body("email", equalTo("dr.x@example.org"))
                .body("pushTokens", contains("device-a"))
                .body("channels.OFFER_RECEIVED", containsInAnyOrder("SMS", "PUSH", "EMAIL"))
                .body("channels.CASE_UPDATED", empty())
                .body("channels.CASE_CANCELLED", contains("EMAIL"))
                .body("quietHours.start", equalTo("22:00"))
                .body("quietHours.end", equalTo("07:00"))
                .body("quietHours.timeZone", equalTo("America/Los_Angeles"));
    }

    @Test
    void everyoneSeesOnlyTheirOwnPreferences() {
        String owner = "patient-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.patient(owner)).contentType(ContentType.JSON)
                .body(Map.of("email", "owner@example.org"))
                .when().put(PATH).then().statusCode(200);

        given().auth().oauth2(TestTokens.patient("patient-" + UUID.randomUUID()))
                .when().get(PATH)
                .then().statusCode(200).body("email", nullValue());
    }

    @Test
    void aPhoneNotInE164IsRefusedNamingTheField() {
        refused(Map.of("phone", "0415 555 0100"), "phone");
    }

    @Test
    void aMalformedEmailIsRefusedNamingTheField() {
        refused(Map.of("email", "not-an-address"), "email");
    }

    @Test
    void smsWithoutAPhoneIsRefused() {
        refused(Map.of("email", "a@example.org", "channels", Map.of("OFFER_RECEIVED", List.of("SMS"))), "phone");
    }

    @Test
    void pushWithoutADeviceIsRefused() {
        refused(Map.of("channels", Map.of("CASE_UPDATED", List.of("PUSH"))), "pushTokens");
    }

    @Test
    void theFeedCannotBeSwitchedOff() {
        refused(Map.of("channels", Map.of("CASE_UPDATED", List.of("IN_APP"))), "channels.CASE_UPDATED");
    }

    @Test
    void anUnknownKindOrChannelIsRefused() {
        refused(Map.of("channels", Map.of("CASE_UPDATED", List.of("FAX"))), "channels");
        refused(Map.of("channels", Map.of("HOROSCOPE", List.of("EMAIL"))), "channels");
    }

    @Test
    void quietHoursNeedAKnownTimeZoneAndARealWindow() {
        refused(Map.of("quietHours", Map.of("start", "22:00", "end", "07:00", "timeZone", "Mars/Olympus_Mons")),
                "quietHours.timeZone");
        refused(Map.of("quietHours", Map.of("start", "22:00", "end", "22:00", "timeZone", "UTC")), "quietHours.end");
        refused(Map.of("quietHours", Map.of("start", "22:00", "timeZone", "UTC")), "quietHours.end");
        refused(Map.of("quietHours", Map.of("start", "25:00", "end", "07:00", "timeZone", "UTC")), "quietHours");
    }

    @Test
    void preferencesNeedASignedInUser() {
        given().when().get(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of()).when().put(PATH).then().statusCode(401);
    }

    private static void refused(Map<String, Object> body, String field) {
        given().auth().oauth2(TestTokens.patient("patient-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(body)
                .when().put(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", containsString(field));
    }
}
