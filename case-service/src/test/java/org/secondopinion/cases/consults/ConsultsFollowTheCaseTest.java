package org.secondopinion.cases.consults;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.consults.ConsultFixtures.Booked;
import org.secondopinion.cases.consults.ConsultFixtures.Doc;
import org.secondopinion.cases.events.Envelopes;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.secondopinion.cases.consults.ConsultFixtures.EVENTS;
import static org.secondopinion.cases.consults.ConsultFixtures.book;
import static org.secondopinion.cases.consults.ConsultFixtures.firstSlot;
import static org.secondopinion.cases.consults.ConsultFixtures.get;
import static org.secondopinion.cases.consults.ConsultFixtures.post;
import static org.secondopinion.cases.consults.ConsultFixtures.publishAvailability;
import static org.secondopinion.cases.consults.ConsultFixtures.slots;

/** An upcoming consult ends with the case's tie to its specialist: reassignment and withdrawal cancel it. */
@QuarkusTest
class ConsultsFollowTheCaseTest {

    @Test
    void reassigningTheCaseCancelsTheConsultWithThePreviousSpecialistAndThePatientBooksWithTheNewOne() {
        Booked booked = Booked.fresh("reassigned");
        Doc previous = booked.doc();
        String patient = booked.patient();
        UUID caseId = booked.caseId();
        String consultId = booked.consultId();
        Doc next = Doc.fresh();
        publishAvailability(next);

        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            reassign(caseId, patient, next);
            JsonNode event = probe.await(EventTypes.CONSULT_CANCELLED, caseId.toString(), EVENTS);
            JsonNode data = event.path("data");
            assertThat(data.path("consultId").asText()).isEqualTo(consultId);
            assertThat(data.path("cancelledBy").asText()).isEqualTo("SYSTEM");
            assertThat(data.path("specialistUserId").asText()).isEqualTo(previous.userId());
            assertThat(data.has("reason")).isFalse();
            assertThat(data.has("cancelReason")).isFalse();
        }
        get(TestTokens.patient(patient), caseId, consultId, "").statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("SYSTEM"))
                .body("sequence", equalTo(1))
                .body("cancelReason", equalTo("the case was reassigned to another specialist"));
        // the previous specialist no longer sees the case or its consults
        get(previous.token(), caseId, consultId, "").statusCode(404);

        String slot = firstSlot(patient, caseId);
        slots(TestTokens.patient(patient), caseId, "UTC").body("specialistId", equalTo(next.id().toString()));
        String rebooked = book(TestTokens.patient(patient), caseId, slot).statusCode(201)
                .body("specialistId", equalTo(next.id().toString())).extract().path("id");
        get(next.token(), caseId, rebooked, "").statusCode(200).body("status", equalTo("BOOKED"));
    }

    @Test
    void withdrawingTheCaseCancelsItsUpcomingConsult() {
        Booked booked = Booked.fresh("withdraws");
        UUID caseId = booked.caseId();
        String consultId = booked.consultId();

        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            given().auth().oauth2(booked.patientToken()).post("/api/v1/cases/{id}/cancel", caseId).then()
                    .statusCode(200).body("status", equalTo("CANCELLED"));
            JsonNode event = probe.await(EventTypes.CONSULT_CANCELLED, caseId.toString(), EVENTS);
            assertThat(event.path("data").path("consultId").asText()).isEqualTo(consultId);
            assertThat(event.path("data").path("cancelledBy").asText()).isEqualTo("SYSTEM");
        }
        get(booked.patientToken(), caseId, consultId, "").statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("SYSTEM"));
    }

    @Test
    void reschedulingACancelledConsultIsRefusedForItsStateWhateverTheSlot() {
        Booked booked = Booked.fresh("late-mover");
        UUID caseId = booked.caseId();
        String consultId = booked.consultId();
        String freeSlot = slots(booked.patientToken(), caseId, "UTC").extract().path("slots[0].startsAt");
        post(booked.patientToken(), caseId, consultId, "cancel", Map.of()).statusCode(200);

        // not one of the specialist's slots, yet the answer is about the consult: it is cancelled
        post(booked.patientToken(), caseId, consultId, "reschedule", Map.of("startsAt", "2030-01-01T03:07:00Z"))
                .statusCode(409).body("currentState", equalTo("CANCELLED"));
        post(booked.patientToken(), caseId, consultId, "reschedule", Map.of("startsAt", freeSlot))
                .statusCode(409).body("currentState", equalTo("CANCELLED"));
    }

    /** A coordinator's reassignment as the matcher announces it. */
    private static void reassign(UUID caseId, String patient, Doc to) {
        EventProbe.send(Topics.MATCHING_EVENTS, caseId.toString(), Envelopes.envelope(Envelopes.newId(),
                "match.assigned.v1", caseId.toString(), Map.of("caseId", caseId.toString(), "caseReference", "SO-x",
                        "patientId", patient, "specialistId", to.id().toString(), "specialistUserId", to.userId(),
                        "assignedAt", Instant.now().toString())));
        await().atMost(EVENTS).untilAsserted(() -> CaseApi.get(to.token(), caseId).statusCode(200));
    }
}
