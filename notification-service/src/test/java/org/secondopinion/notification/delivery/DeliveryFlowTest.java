package org.secondopinion.notification.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.infra.testing.GreenMailTestResource;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.notification.delivery.messaging.LocalMessagingProvider;
import org.secondopinion.platform.events.EventEnvelope;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.secondopinion.notification.FeedClient.itemsAbout;

@QuarkusTest
class DeliveryFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Clinical details and names present in the test events' payloads; none may reach a message. */
    private static final String[] PHI = {"M51.26", "63030", "ORTHOPAEDIC", "avoid surgery", "1234567893",
            "General Hospital", "Okafor"};

    @Inject
    ObjectMapper json;

    @Inject
    LocalMessagingProvider localProvider;

    @Inject
    NotificationDispatcher dispatcher;

    @Test
    void aSubmittedCaseReachesThePatientOnEveryChosenChannelAndNobodyElse() throws Exception {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String email = patient + "@example.org";
        String phone = phone();
        choose(patient, Map.of("email", email, "phone", phone, "pushTokens", List.of("device-a-" + caseId,
                "device-b-" + caseId), "channels", Map.of("CASE_RECEIVED", List.of("EMAIL", "SMS", "PUSH"))));
        String bystander = "patient-" + UUID.randomUUID();
        choose(bystander, Map.of("email", bystander + "@example.org"));
        String ref = TestEvents.newReference();

        double emailsTimedBefore = latencyCount("EMAIL");
        double smsTimedBefore = latencyCount("SMS");
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, ref, patient));

        // one read for both conditions: two reads could see no delivery yet (all of none are SENT), then three pending
        await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> deliveries = deliveriesAbout(ref);
            return deliveries.size() == 3 && deliveries.stream().allMatch(d -> "SENT".equals(d.get("status")));
        });
        // each sent delivery is timed for the "delivered within 5 minutes" objective, per channel
        assertThat(latencyCount("EMAIL")).isGreaterThanOrEqualTo(emailsTimedBefore + 1);
        assertThat(latencyCount("SMS")).isGreaterThanOrEqualTo(smsTimedBefore + 1);
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("notification_delivery_latency_seconds_bucket{")
                        && l.contains("channel=\"EMAIL\"") && l.contains("le=\"300.0\"")))
                .hasSize(1);
        assertThat(deliveriesAbout(ref)).extracting(d -> d.get("recipient"), d -> d.get("channel"))
                .containsExactlyInAnyOrder(tuple(patient, "EMAIL"), tuple(patient, "SMS"), tuple(patient, "PUSH"));

        List<MimeMessage> mail = GreenMailTestResource.mailTo(email);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).getSubject()).contains(ref).doesNotContain(PHI);
        assertThat(mail.get(0).getContent().toString()).contains(ref).doesNotContain(PHI);

        assertThat(localProvider.sent()).filteredOn(s -> s.text().contains(ref))
                .extracting(LocalMessagingProvider.Sent::channel, LocalMessagingProvider.Sent::to)
                .containsExactlyInAnyOrder(tuple(Channel.SMS, phone), tuple(Channel.PUSH, "device-a-" + caseId),
                        tuple(Channel.PUSH, "device-b-" + caseId));
        assertThat(localProvider.sent()).filteredOn(s -> s.text().contains(ref))
                .allSatisfy(s -> assertThat(s.text()).doesNotContain(PHI));
        assertThat(GreenMailTestResource.mailTo(bystander + "@example.org")).isEmpty();
    }

    @Test
    void aFailedMatchReachesEveryCoordinatorsEmailButNoOtherRole() throws Exception {
        String coordinator = "coordinator-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.coordinator(coordinator)).contentType(ContentType.JSON)
                .body(Map.of("email", coordinator + "@example.org"))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        String specialist = "specialist-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.specialist(specialist)).contentType(ContentType.JSON)
                .body(Map.of("email", specialist + "@example.org"))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String ref = TestEvents.newReference();

        TestEvents.sendMatchingEvent(json, TestEvents.matchFailed(json, caseId, ref, patient));

        await().atMost(WAIT).until(() -> GreenMailTestResource.mailTo(coordinator + "@example.org").stream()
                .anyMatch(m -> subject(m).contains(ref)));
        MimeMessage mail = GreenMailTestResource.mailTo(coordinator + "@example.org").stream()
                .filter(m -> subject(m).contains(ref)).findFirst().orElseThrow();
        assertThat(mail.getContent().toString()).contains("needs a coordinator").doesNotContain(PHI)
                .doesNotContain("NO_ELIGIBLE_SPECIALIST");
        assertThat(deliveriesAbout(ref)).filteredOn(d -> coordinator.equals(d.get("recipient")))
                .extracting(d -> d.get("kind"), d -> d.get("channel"))
                .containsExactly(tuple("CASE_UNMATCHED", "EMAIL"));
        assertThat(deliveriesAbout(ref)).noneMatch(d -> specialist.equals(d.get("recipient")));
    }

    @Test
    void aKindSwitchedOffStaysInTheFeedOnly() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        choose(patient, Map.of("email", patient + "@example.org", "channels", Map.of("CASE_RECEIVED", List.of())));
        String off = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, off, patient));
        // same key, handled after: once its e-mail is out, the switched-off kind was handled long before
        String on = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseCancelled(json, caseId, on, patient));

        await().atMost(WAIT).until(() -> GreenMailTestResource.mailTo(patient + "@example.org").size() == 1);
        assertThat(deliveriesAbout(off)).isEmpty();
        assertThat(itemsAbout(TestTokens.patient(patient), off)).hasSize(1);
    }

    @Test
    void aReplayedEventSendsNothingNew() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String email = patient + "@example.org";
        choose(patient, Map.of("email", email));
        String ref = TestEvents.newReference();
        EventEnvelope submitted = TestEvents.caseSubmitted(json, caseId, ref, patient);
        TestEvents.sendCaseEvent(json, submitted);
        TestEvents.sendCaseEvent(json, submitted);
        String marker = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, marker, patient));
        await().atMost(WAIT).until(() -> deliveriesAbout(marker).size() == 1
                && "SENT".equals(deliveriesAbout(ref).get(0).get("status")));

        // past the inbox too (a replay under a new consumer name): the unique key keeps it to one
        QuarkusTransaction.requiringNew().run(() -> dispatcher.dispatch(submitted));

        assertThat(deliveriesAbout(ref)).hasSize(1);
        assertThat(GreenMailTestResource.mailTo(email)).filteredOn(m -> subject(m).contains(ref)).hasSize(1);
        assertThat(itemsAbout(TestTokens.patient(patient), ref)).hasSize(1);
    }

    @Test
    void quietHoursHoldSmsAndPushButNotEmail() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        choose(patient, Map.of("email", patient + "@example.org", "phone", phone(), "pushTokens", List.of("dev"),
                "channels", Map.of("CASE_RECEIVED", List.of("EMAIL", "SMS", "PUSH")),
                "quietHours", Map.of("start", now.minusHours(1).format(hhmm), "end", now.plusHours(2).format(hhmm),
                        "timeZone", "UTC")));
        String ref = TestEvents.newReference();

        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, ref, patient));

        await().atMost(WAIT).until(() -> deliveriesAbout(ref).stream()
                .anyMatch(d -> "EMAIL".equals(d.get("channel")) && "SENT".equals(d.get("status"))));
        assertThat(deliveriesAbout(ref)).filteredOn(d -> !"EMAIL".equals(d.get("channel")))
                .hasSize(2).allSatisfy(d -> {
                    assertThat(d.get("status")).isEqualTo("PENDING");
                    assertThat(Instant.parse((String) d.get("nextAttemptAt")))
                            .isAfter(Instant.now().plus(Duration.ofMinutes(100)));
                });
    }

    @Test
    void aFailingSmtpServerIsRetriedThenMarkedDeadAndCoordinatorsAreTold() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        choose(patient, Map.of("email", patient + "@example.org"));
        String ref = TestEvents.newReference();

        GreenMailTestResource.outage(() -> {
            TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, ref, patient));
            await().atMost(WAIT).until(() -> deliveriesAbout(ref).size() == 1
                    && "DEAD".equals(deliveriesAbout(ref).get(0).get("status")));
        });

        Map<String, Object> dead = deliveriesAbout(ref).get(0);
        assertThat(dead.get("attempts")).isEqualTo(3);
        assertThat((String) dead.get("lastError")).isNotBlank().doesNotContain(patient + "@example.org");
        assertThat(itemsAbout(TestTokens.coordinator("coordinator1"), ref))
                .extracting(i -> i.get("kind"), i -> i.get("recipient"))
                .containsExactly(tuple("DELIVERY_FAILED", "role:coordinator"));
        assertThat(GreenMailTestResource.mailTo(patient + "@example.org")).isEmpty();
        given().when().get("/q/metrics").then().statusCode(200)
                .body(anyOf(containsString("notification_deliveries_total{channel=\"EMAIL\",outcome=\"dead\""),
                        containsString("notification_deliveries_total{outcome=\"dead\",channel=\"EMAIL\"")));
    }

    @Test
    void theDeliveryLogIsForCoordinatorsAndFilters() {
        given().when().get("/api/v1/notifications/deliveries").then().statusCode(401);
        given().auth().oauth2(TestTokens.patient("patient1"))
                .when().get("/api/v1/notifications/deliveries").then().statusCode(403);
        given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .when().get("/api/v1/notifications/deliveries?status=LOST")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("status"));

        List<Map<String, Object>> sentEmails = given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .when().get("/api/v1/notifications/deliveries?status=sent&channel=EMAIL&size=100")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(sentEmails).allSatisfy(d -> {
            assertThat(d).containsEntry("status", "SENT").containsEntry("channel", "EMAIL")
                    .doesNotContainKeys("addresses", "text");
        });
    }

    private static String phone() {
        return "+1415" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000));
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void choose(String user, Map<String, Object> preferences) {
        given().auth().oauth2(TestTokens.patient(user)).contentType(ContentType.JSON).body(preferences)
                .when().put("/api/v1/notification-preferences")
                .then().statusCode(200);
    }

    /** The delivery log's rows about one case (newest 100), as a coordinator sees them. */
    private static List<Map<String, Object>> deliveriesAbout(String reference) {
        return given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .when().get("/api/v1/notifications/deliveries?size=100")
                .then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(d -> reference.equals(d.get("caseReference")))
                .toList();
    }

    /** How many sent deliveries of a channel were timed (the latency histogram's count; 0 before the first). */
    private static double latencyCount(String channel) {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("notification_delivery_latency_seconds_count{")
                        && l.contains("channel=\"" + channel + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf('}') + 1).trim().split(" ")[0]))
                .sum();
    }
}
