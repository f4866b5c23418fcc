package org.secondopinion.notification.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.TestEvents;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.secondopinion.notification.FeedClient.feed;
import static org.secondopinion.notification.FeedClient.unreadCount;

@QuarkusTest
class NotificationResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    /** A fresh patient with {@code count} case-received items, sent in order; returns their references. */
    private List<String> patientWithNotifications(String patient, int count) {
        UUID caseId = UUID.randomUUID();
        List<String> refs = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ref = TestEvents.newReference();
            refs.add(ref);
            // one key: the events are consumed, and so stored, in the order sent
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, ref, patient));
        }
        String token = TestTokens.patient(patient);
        await().atMost(WAIT).until(() -> feed(token, "").getLong("total") == count);
        return refs;
    }

    @Test
    void feedIsNewestFirstAndPaginated() {
        String patient = "patient-" + UUID.randomUUID();
        List<String> refs = patientWithNotifications(patient, 3);
        String token = TestTokens.patient(patient);

        JsonPath first = feed(token, "?page=0&size=2");
        assertThat(first.getList("items.caseReference")).containsExactly(refs.get(2), refs.get(1));
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getLong("total")).isEqualTo(3);
        assertThat(first.getBoolean("totalExact")).isTrue();

        // the last page is not full: its total comes from the pages before it, without counting
        JsonPath last = feed(token, "?page=1&size=2");
        assertThat(last.getList("items.caseReference")).containsExactly(refs.get(0));
        assertThat(last.getLong("total")).isEqualTo(3);
        assertThat(last.getBoolean("totalExact")).isTrue();
    }

    @Test
    void markingReadLowersTheUnreadCountAndFiltersTheFeed() {
        String patient = "patient-" + UUID.randomUUID();
        patientWithNotifications(patient, 2);
        String token = TestTokens.patient(patient);
        assertThat(unreadCount(token)).isEqualTo(2);
        String id = feed(token, "").getString("items[0].id");

        given().auth().oauth2(token)
                .when().post("/api/v1/notifications/{id}/read", id)
                .then().statusCode(200)
                .body("id", equalTo(id)).body("read", equalTo(true)).body("readAt", notNullValue());

        assertThat(unreadCount(token)).isEqualTo(1);
        assertThat(feed(token, "?unread=true").getList("items.id")).hasSize(1).doesNotContain(id);
        assertThat(feed(token, "?unread=false").getList("items.id")).containsExactly(id);
        // marking again is harmless
        given().auth().oauth2(token).when().post("/api/v1/notifications/{id}/read", id).then().statusCode(200);
        assertThat(unreadCount(token)).isEqualTo(1);
    }

    @Test
    void readAllMarksEverythingOfTheCallerOnly() {
        String patient = "patient-" + UUID.randomUUID();
        String other = "patient-" + UUID.randomUUID();
        patientWithNotifications(patient, 2);
        patientWithNotifications(other, 1);

        given().auth().oauth2(TestTokens.patient(patient))
                .when().post("/api/v1/notifications/read-all")
                .then().statusCode(200).body("marked", equalTo(2));

        assertThat(unreadCount(TestTokens.patient(patient))).isZero();
        assertThat(unreadCount(TestTokens.patient(other))).isEqualTo(1);
    }

    @Test
    void someoneElsesNotificationIsNotFound() {
        String patient = "patient-" + UUID.randomUUID();
        patientWithNotifications(patient, 1);
        String id = feed(TestTokens.patient(patient), "").getString("items[0].id");

        for (String stranger : List.of(TestTokens.patient("patient2"), TestTokens.coordinator("coordinator1"),
                TestTokens.admin("admin1"))) {
            given().auth().oauth2(stranger)
                    .when().post("/api/v1/notifications/{id}/read", id)
                    .then().statusCode(404)
                    .contentType("application/problem+json");
        }
        assertThat(unreadCount(TestTokens.patient(patient))).isEqualTo(1);
    }

    @Test
    void unknownNotificationIsNotFound() {
        given().auth().oauth2(TestTokens.patient("patient1"))
                .when().post("/api/v1/notifications/{id}/read", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aPageSizeOverTheLimitIsRefusedNamingTheField() {
        given().auth().oauth2(TestTokens.patient("patient1"))
                .when().get("/api/v1/notifications?size=500")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", containsString("size"));
    }

    @Test
    void theFeedNeedsASignedInUser() {
        given().when().get("/api/v1/notifications").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        given().when().get("/api/v1/notifications/unread-count").then().statusCode(401);
        given().when().post("/api/v1/notifications/{id}/read", UUID.randomUUID()).then().statusCode(401);
        given().when().post("/api/v1/notifications/read-all").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/api/v1/notifications").then().statusCode(401);
    }
}
