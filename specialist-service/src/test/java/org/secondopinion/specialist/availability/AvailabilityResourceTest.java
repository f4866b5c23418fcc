package org.secondopinion.specialist.availability;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class AvailabilityResourceTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aSpecialistPublishesWeeklyWindowsInTheirOwnZoneForBooking() {
        String userId = "doc-" + UUID.randomUUID();
        String id = AvailabilityFixtures.specialistWithAccount(userId);

        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            put(userId, AvailabilityFixtures.tuesdayEvenings()).statusCode(200)
                    .body("timeZone", equalTo("America/Los_Angeles"))
                    .body("weekly", hasSize(1))
                    .body("weekly[0].from", equalTo("17:00:00"))
                    .body("version", equalTo(1));

            JsonNode data = probe.await(EventTypes.SPECIALIST_AVAILABILITY_CHANGED, id + ":availability",
                    EVENT_TIMEOUT).path("data");
            assertThat(data.path("specialistId").asText()).isEqualTo(id);
            assertThat(data.path("userId").asText()).isEqualTo(userId);
            assertThat(data.path("timeZone").asText()).isEqualTo("America/Los_Angeles");
            assertThat(data.path("slotMinutes").asInt()).isEqualTo(30);
            assertThat(data.path("weekly").get(0).path("day").asText()).isEqualTo("TUESDAY");
            assertThat(data.path("blocked").get(0).asText()).isEqualTo("2099-12-29");
        }
        given().auth().oauth2(TestTokens.specialist(userId)).get("/api/v1/specialists/me/availability")
                .then().statusCode(200).body("weekly[0].day", equalTo("TUESDAY"));
    }

    @Test
    void overlappingWindowsAndUnknownZonesAreRefusedNamingTheField() {
        String userId = "doc-" + UUID.randomUUID();
        AvailabilityFixtures.specialistWithAccount(userId);
        Map<String, Object> overlapping = AvailabilityFixtures.tuesdayEvenings();
        overlapping.put("weekly", List.of(Map.of("day", "TUESDAY", "from", "17:00", "to", "19:00"),
                Map.of("day", "TUESDAY", "from", "18:00", "to", "18:45")));
        put(userId, overlapping).statusCode(400).body("violations[0].field", equalTo("weekly[1]"));

        Map<String, Object> badZone = AvailabilityFixtures.tuesdayEvenings();
        badZone.put("timeZone", "Pacific/Nowhere");
        put(userId, badZone).statusCode(400).body("violations[0].field", equalTo("timeZone"));

        Map<String, Object> badSlot = AvailabilityFixtures.tuesdayEvenings();
        badSlot.put("slotMinutes", 50);
        put(userId, badSlot).statusCode(400).body("violations[0].field", equalTo("slotMinutes"));

        given().auth().oauth2(TestTokens.specialist(userId)).get("/api/v1/specialists/me/availability")
                .then().statusCode(404);
    }

    @Test
    void onlySpecialistsWithAProfileKeepAvailability() {
        given().auth().oauth2(TestTokens.patient("patient1")).contentType(ContentType.JSON)
                .body(AvailabilityFixtures.tuesdayEvenings()).put("/api/v1/specialists/me/availability")
                .then().statusCode(403);
        put("no-profile-" + UUID.randomUUID(), AvailabilityFixtures.tuesdayEvenings()).statusCode(404);
    }

    @Test
    void outOfOfficeDaysArePublishedWithTheAvailability() {
        String userId = "doc-" + UUID.randomUUID();
        String id = AvailabilityFixtures.specialistWithAccount(userId);
        put(userId, AvailabilityFixtures.tuesdayEvenings()).statusCode(200);
        LocalDate from = LocalDate.of(2099, 7, 1);

        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            given().auth().oauth2(TestTokens.specialist(userId)).contentType(ContentType.JSON)
                    .body(Map.of("outOfOffice", List.of(Map.of("from", from.toString(), "to", "2099-07-14"))))
                    .patch("/api/v1/specialists/me").then().statusCode(200);

            JsonNode data = probe.await(EventTypes.SPECIALIST_AVAILABILITY_CHANGED, id + ":availability",
                    EVENT_TIMEOUT).path("data");
            assertThat(data.path("version").asLong()).isEqualTo(2);
            assertThat(data.path("outOfOffice").get(0).path("from").asText()).isEqualTo(from.toString());
            assertThat(data.has("note")).isFalse();
        }
    }

    private static ValidatableResponse put(String userId, Object body) {
        return given().auth().oauth2(TestTokens.specialist(userId)).contentType(ContentType.JSON).body(body)
                .put("/api/v1/specialists/me/availability").then();
    }
}
