package org.secondopinion.cases.consults;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.consults.ConsultFixtures.Doc;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.MovableClock;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.secondopinion.cases.consults.ConsultFixtures.EVENTS;
import static org.secondopinion.cases.consults.ConsultFixtures.assignedCase;
import static org.secondopinion.cases.consults.ConsultFixtures.book;
import static org.secondopinion.cases.consults.ConsultFixtures.firstSlot;
import static org.secondopinion.cases.consults.ConsultFixtures.get;
import static org.secondopinion.cases.consults.ConsultFixtures.post;
import static org.secondopinion.cases.consults.ConsultFixtures.publishAvailability;
import static org.secondopinion.cases.consults.ConsultFixtures.slots;

@QuarkusTest
class ConsultResourceTest {

    private static final String COORDINATOR = TestTokens.coordinator("coord1");

    @AfterEach
    void realTimeAgain() {
        MovableClock.reset();
    }

    @Test
    void manyPatientsRacingForOneSlotGetExactlyOneBooking() throws Exception {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        int racers = 8;
        List<UUID> cases = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            cases.add(assignedCase("racer-" + i + "-" + doc.userId(), doc));
        }
        String slot = firstSlot("racer-0-" + doc.userId(), cases.get(0));

        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String token = TestTokens.patient("racer-" + i + "-" + doc.userId());
                UUID caseId = cases.get(i);
                Callable<Integer> attempt = () -> {
                    go.await();
                    return book(token, caseId, slot).extract().statusCode();
                };
                answers.add(pool.submit(attempt));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get());
            }
            assertThat(codes).containsOnly(201, 409);
            assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        // and the slot is gone for everyone
        slots(TestTokens.patient("racer-1-" + doc.userId()), cases.get(1), "UTC").statusCode(200)
                .body("slots[0].startsAt", org.hamcrest.Matchers.not(equalTo(slot)));
    }

    @Test
    void slotsAreShownInThePatientsZone() {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        String patient = "zone-" + doc.userId();
        UUID caseId = assignedCase(patient, doc);
        String utc = firstSlot(patient, caseId);

        String newYork = slots(TestTokens.patient(patient), caseId, "America/New_York").statusCode(200)
                .body("zone", equalTo("America/New_York")).body("slotMinutes", equalTo(30))
                .extract().path("slots[0].startsAt");
        assertThat(OffsetDateTime.parse(newYork).toInstant()).isEqualTo(OffsetDateTime.parse(utc).toInstant());
        // the specialist's 08:00–20:00 Los Angeles day is 11:00–23:00 in New York
        int hour = OffsetDateTime.parse(newYork).atZoneSameInstant(ZoneId.of("America/Los_Angeles")).getHour();
        assertThat(hour).isBetween(8, 19);
        slots(TestTokens.patient(patient), caseId, "Mars/Base").statusCode(400).body("violations[0].field",
                equalTo("zone"));
    }

    @Test
    void bookingIsForTheCasesPatientOnceAssignedAndOnlyOneUpcomingConsultPerCase() {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        String patient = "booker-" + doc.userId();
        UUID submitted = CaseApi.submittedSpineCase(patient);
        slots(TestTokens.patient(patient), submitted, "UTC").statusCode(409);

        UUID caseId = assignedCase(patient, doc);
        String slot = firstSlot(patient, caseId);
        book(doc.token(), caseId, slot).statusCode(403);
        book(TestTokens.patient("someone-else"), caseId, slot).statusCode(404);
        book(TestTokens.patient(patient), caseId, "2030-01-01T03:07:00Z").statusCode(400)
                .body("violations[0].field", equalTo("startsAt"));

        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            String id = book(TestTokens.patient(patient), caseId, slot).statusCode(201)
                    .header("Location", org.hamcrest.Matchers.containsString("/consults/"))
                    .body("status", equalTo("BOOKED")).body("sequence", equalTo(0)).extract().path("id");
            JsonNode event = probe.await(EventTypes.CONSULT_BOOKED, caseId.toString(), EVENTS);
            assertThat(event.path("data").path("consultId").asText()).isEqualTo(id);
            assertThat(event.path("data").has("note")).isFalse();
        }
        String another = slots(TestTokens.patient(patient), caseId, "UTC").extract().path("slots[0].startsAt");
        book(TestTokens.patient(patient), caseId, another).statusCode(409);
    }

    @Test
    void onlyThePatientTheAssignedSpecialistAndCoordinatorsSeeAConsult() {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        String patient = "matrix-" + doc.userId();
        UUID caseId = assignedCase(patient, doc);
        String id = book(TestTokens.patient(patient), caseId, firstSlot(patient, caseId)).statusCode(201)
                .extract().path("id");

        get(TestTokens.patient(patient), caseId, id, "").statusCode(200);
        get(doc.token(), caseId, id, "").statusCode(200);
        get(COORDINATOR, caseId, id, "").statusCode(200);
        get(TestTokens.patient("another-patient"), caseId, id, "").statusCode(404);
        get(TestTokens.specialist("another-specialist"), caseId, id, "").statusCode(404);
        get(TestTokens.patient("another-patient"), caseId, id, "/join").statusCode(404);
        get(TestTokens.specialist("another-specialist"), caseId, id, "/join").statusCode(404);
        get(TestTokens.patient(patient), UUID.randomUUID(), id, "").statusCode(404);
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.patient(patient))
                .get("/api/v1/cases/{id}/consults", caseId).then().statusCode(200).body("", hasSize(1));
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.patient("another-patient"))
                .get("/api/v1/cases/{id}/consults", caseId).then().statusCode(404);
        post(TestTokens.patient("another-patient"), caseId, id, "cancel", Map.of()).statusCode(404);
        post(TestTokens.patient(patient), caseId, id, "complete", Map.of("note", "x")).statusCode(403);
    }

    @Test
    void theJoinLinkIsForTheTwoParticipantsFromFifteenMinutesBeforeTheStartUntilTheEnd() {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        String patient = "visit-" + doc.userId();
        UUID caseId = assignedCase(patient, doc);
        String slot = firstSlot(patient, caseId);
        String id = book(TestTokens.patient(patient), caseId, slot).statusCode(201).extract().path("id");
        Instant start = OffsetDateTime.parse(slot).toInstant();

        get(TestTokens.patient(patient), caseId, id, "/join").statusCode(409);

        MovableClock.setTo(start.minus(Duration.ofMinutes(14)));
        String patientUrl = get(TestTokens.patient(patient), caseId, id, "/join").statusCode(200)
                .body("url", startsWith("https://meet.jit.si/so-consult-")).body("token", notNullValue())
                .extract().path("url");
        String specialistUrl = get(doc.token(), caseId, id, "/join").statusCode(200).extract().path("url");
        assertThat(patientUrl).isNotEqualTo(specialistUrl); // a token of one's own
        get(COORDINATOR, caseId, id, "/join").statusCode(403);
        // the room name is nowhere in what the consult shows
        assertThat(get(COORDINATOR, caseId, id, "").extract().asString()).doesNotContain("so-consult-");

        // the specialist can close it only once it has started; then the patient reads the note
        post(doc.token(), caseId, id, "complete", Map.of("note", "Try physiotherapy for six weeks first."))
                .statusCode(409);
        MovableClock.setTo(start.plus(Duration.ofMinutes(20)));
        get(TestTokens.patient(patient), caseId, id, "/join").statusCode(200);
        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            post(doc.token(), caseId, id, "complete", Map.of("note", "Try physiotherapy for six weeks first."))
                    .statusCode(200).body("status", equalTo("COMPLETED"));
            JsonNode event = probe.await(EventTypes.CONSULT_COMPLETED, caseId.toString(), EVENTS);
            assertThat(event.path("data").path("outcome").asText()).isEqualTo("COMPLETED");
            assertThat(event.toString()).doesNotContain("physiotherapy");
        }
        get(TestTokens.patient(patient), caseId, id, "").statusCode(200)
                .body("note", equalTo("Try physiotherapy for six weeks first."));
        get(TestTokens.patient(patient), caseId, id, "/join").statusCode(409);
    }

    @Test
    void theSpecialistCancelsWithAReasonAndThePatientBooksAgain() {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        String patient = "rebook-" + doc.userId();
        UUID caseId = assignedCase(patient, doc);
        String id = book(TestTokens.patient(patient), caseId, firstSlot(patient, caseId)).statusCode(201)
                .extract().path("id");

        post(doc.token(), caseId, id, "cancel", Map.of()).statusCode(400).body("violations[0].field",
                equalTo("reason"));
        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            post(doc.token(), caseId, id, "cancel", Map.of("reason", "Called into surgery that afternoon."))
                    .statusCode(200).body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("SPECIALIST"))
                    .body("sequence", equalTo(1));
            JsonNode event = probe.await(EventTypes.CONSULT_CANCELLED, caseId.toString(), EVENTS);
            assertThat(event.path("data").path("cancelledBy").asText()).isEqualTo("SPECIALIST");
            assertThat(event.toString()).doesNotContain("surgery that afternoon");
        }
        get(TestTokens.patient(patient), caseId, id, "").body("cancelReason",
                equalTo("Called into surgery that afternoon."));
        String again = firstSlot(patient, caseId);
        book(TestTokens.patient(patient), caseId, again).statusCode(201);
    }

    @Test
    void thePatientReschedulesUpToTheCutOff() {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        String patient = "move-" + doc.userId();
        UUID caseId = assignedCase(patient, doc);
        String first = firstSlot(patient, caseId);
        String id = book(TestTokens.patient(patient), caseId, first).statusCode(201).extract().path("id");
        String later = slots(TestTokens.patient(patient), caseId, "UTC").extract().path("slots[3].startsAt");

        String invitation = get(TestTokens.patient(patient), caseId, id, ".ics").statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        assertThat(invitation).contains("UID:" + id + "@consults.secondopinion", "SEQUENCE:0",
                "TZID:America/Los_Angeles", "BEGIN:VTIMEZONE");
        post(TestTokens.patient(patient), caseId, id, "reschedule", Map.of("startsAt", later)).statusCode(200)
                .body("sequence", equalTo(1)).body("cancelledBy", nullValue());
        String updated = io.restassured.RestAssured.given().auth().oauth2(TestTokens.patient(patient))
                .queryParam("zone", "Europe/Berlin").get("/api/v1/cases/{id}/consults/{c}.ics", caseId, id)
                .then().statusCode(200).extract().asString();
        assertThat(updated).contains("UID:" + id + "@consults.secondopinion", "SEQUENCE:1", "TZID:Europe/Berlin");
        get(TestTokens.patient("a-stranger"), caseId, id, ".ics").statusCode(404);
        // the old slot is free again
        slots(TestTokens.patient(patient), caseId, "UTC").body("slots[0].startsAt", equalTo(first));

        MovableClock.setTo(OffsetDateTime.parse(later).toInstant().minus(Duration.ofMinutes(90)));
        post(TestTokens.patient(patient), caseId, id, "cancel", Map.of()).statusCode(409);
    }
}
