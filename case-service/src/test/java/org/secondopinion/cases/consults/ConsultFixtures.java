package org.secondopinion.cases.consults;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.events.Envelopes;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Cases assigned to a specialist with published availability, as the other services' events make them. */
final class ConsultFixtures {

    static final Duration EVENTS = Duration.ofSeconds(20);

    private ConsultFixtures() {
    }

    /** A specialist of one's own (so no other test's bookings touch theirs). */
    record Doc(UUID id, String userId) {
        static Doc fresh() {
            return new Doc(UUID.randomUUID(), "doc-" + UUID.randomUUID());
        }

        String token() {
            return TestTokens.specialist(userId);
        }
    }

    /** Every day 08:00–20:00 Los Angeles time, 30-minute slots, no buffer, published by specialist-service. */
    static void publishAvailability(Doc doc) {
        List<Map<String, Object>> weekly = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.add(Map.of("day", day.name(), "from", "08:00", "to", "20:00"));
        }
        String subject = doc.id() + ":availability";
        EventProbe.send(Topics.SPECIALIST_EVENTS, subject, Envelopes.envelope(Envelopes.newId(),
                "specialist.availability-changed.v1", subject, Map.of("specialistId", doc.id().toString(),
                        "userId", doc.userId(), "version", 1, "timeZone", "America/Los_Angeles", "slotMinutes", 30,
                        "bufferMinutes", 0, "weekly", weekly, "extra", List.of(), "blocked", List.of(),
                        "changedAt", Instant.now().toString())));
    }

    /** A submitted case the matcher assigned to {@code doc}. */
    static UUID assignedCase(String patient, Doc doc) {
        UUID id = CaseApi.submittedSpineCase(patient);
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), Envelopes.envelope(Envelopes.newId(),
                "match.assigned.v1", id.toString(), Map.of("caseId", id.toString(), "caseReference", "SO-x",
                        "patientId", patient, "specialistId", doc.id().toString(), "specialistUserId", doc.userId(),
                        "assignedAt", Instant.now().toString())));
        await().atMost(EVENTS).untilAsserted(() ->
                CaseApi.get(TestTokens.patient(patient), id).statusCode(200).body("status", equalTo("ASSIGNED")));
        return id;
    }

    /** The first free slot's start, once the availability has reached case-service. */
    static String firstSlot(String patient, UUID caseId) {
        await().atMost(EVENTS).untilAsserted(() -> slots(TestTokens.patient(patient), caseId, "UTC").statusCode(200));
        return slots(TestTokens.patient(patient), caseId, "UTC").extract().path("slots[0].startsAt");
    }

    /** A fresh specialist with availability, a case of {@code patientPrefix}-... assigned to them, the first slot booked. */
    record Booked(Doc doc, String patient, UUID caseId, String consultId) {
        static Booked fresh(String patientPrefix) {
            Doc doc = Doc.fresh();
            publishAvailability(doc);
            String patient = patientPrefix + "-" + doc.userId();
            UUID caseId = assignedCase(patient, doc);
            String consultId = book(TestTokens.patient(patient), caseId, firstSlot(patient, caseId)).statusCode(201)
                    .extract().path("id");
            return new Booked(doc, patient, caseId, consultId);
        }

        String patientToken() {
            return TestTokens.patient(patient);
        }
    }

    static ValidatableResponse slots(String token, UUID caseId, String zone) {
        return given().auth().oauth2(token).queryParam("zone", zone)
                .get("/api/v1/cases/{id}/consults/slots", caseId).then();
    }

    static ValidatableResponse book(String token, UUID caseId, String startsAt) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("startsAt", startsAt))
                .post("/api/v1/cases/{id}/consults", caseId).then();
    }

    static ValidatableResponse post(String token, UUID caseId, String consultId, String action, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases/{id}/consults/{c}/" + action, caseId, consultId).then();
    }

    static ValidatableResponse get(String token, UUID caseId, String consultId, String suffix) {
        return given().auth().oauth2(token).get("/api/v1/cases/{id}/consults/{c}" + suffix, caseId, consultId).then();
    }
}
