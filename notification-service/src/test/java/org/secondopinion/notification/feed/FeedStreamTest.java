package org.secondopinion.notification.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.SseClient;
import org.secondopinion.notification.TestEvents;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.secondopinion.notification.FeedClient.itemsAbout;

@QuarkusTest
class FeedStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Test
    void aNewItemArrivesLiveOnTheRecipientsStreamOnly() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String stranger = "patient-" + UUID.randomUUID();
        try (SseClient mine = SseClient.open(TestTokens.patient(patient), null)) {
            assertThat(mine.status()).isEqualTo(200);
            String strangersRef = TestEvents.newReference();
            String ref = TestEvents.newReference();
            // one key: the stranger's event is handled before the patient's
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, strangersRef, stranger));
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, ref, patient));

            await().atMost(WAIT).until(() -> !mine.events().isEmpty());
            SseClient.Event event = mine.events().get(0);
            assertThat(event.name()).isEqualTo("notification");
            assertThat(event.id()).matches("\\d+");
            assertThat(event.data()).contains("\"caseReference\":\"" + ref + "\"")
                    .contains("\"kind\":\"CASE_RECEIVED\"").doesNotContain("M51.26", "63030");
            assertThat(mine.events()).hasSize(1);
            assertThat(String.join("\n", mine.lines())).doesNotContain(strangersRef);
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedInOrderAndNothingTwice() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String token = TestTokens.patient(patient);
        String first = TestEvents.newReference();
        String lastSeenId;
        try (SseClient stream = SseClient.open(token, null)) {
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, first, patient));
            await().atMost(WAIT).until(() -> !stream.events().isEmpty());
            lastSeenId = stream.events().get(0).id();
        }

        // offline: two more items arrive
        String second = TestEvents.newReference();
        String third = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, second, patient));
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, third, patient));
        await().atMost(WAIT).until(() -> itemsAbout(token, third).size() == 1);

        try (SseClient resumed = SseClient.open(token, lastSeenId)) {
            await().atMost(WAIT).until(() -> resumed.events().size() >= 2);
            List<String> data = resumed.events().stream().map(SseClient.Event::data).toList();
            assertThat(data).hasSize(2);
            assertThat(data.get(0)).contains(second);
            assertThat(data.get(1)).contains(third);
            assertThat(Long.parseLong(resumed.events().get(0).id())).isGreaterThan(Long.parseLong(lastSeenId));
        }
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() {
        try (SseClient stream = SseClient.open(TestTokens.patient("patient-" + UUID.randomUUID()), null)) {
            // the test profile sends one every second; production every 15 s, inside the gateway's 60 s cut
            await().atMost(WAIT).until(() -> stream.lines().stream().anyMatch(l -> l.startsWith(":")));
            assertThat(stream.events()).isEmpty();
        }
    }

    @Test
    void theStreamNeedsASignedInUser() {
        try (SseClient anonymous = SseClient.open(null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    @Test
    void aMalformedLastEventIdIsRefusedNamingTheHeader() {
        given().auth().oauth2(TestTokens.patient("patient1")).header("Last-Event-ID", "yesterday")
                .when().get("/api/v1/notifications/stream")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("Last-Event-ID"));
    }
}
