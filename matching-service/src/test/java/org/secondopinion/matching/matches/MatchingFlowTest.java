package org.secondopinion.matching.matches;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.matching.offers.OfferResponses;
import org.secondopinion.matching.projection.SpecialistProjection;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class MatchingFlowTest extends MatchingTestSupport {

    @Test
    void demoCaseIsOfferedToSpecialist1ThenSpecialist2WhoAccepts() {
        UUID caseId = submitDemoCase();
        String firstOffer = awaitOffer(caseId, "specialist1");

        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON)
                .body("{\"reason\":\"on leave next week\"}")
                .post("/api/v1/offers/{id}/decline", firstOffer)
                .then().statusCode(200).body("status", equalTo("DECLINED"));
        matching.await(e -> EventTypes.MATCH_OFFER_DECLINED.equals(e.path("type").asText())
                && firstOffer.equals(e.path("data").path("offerId").asText()), WAIT);
        String secondOffer = awaitOffer(caseId, "specialist2");

        given().auth().oauth2(TestTokens.specialist("specialist2"))
                .post("/api/v1/offers/{id}/accept", secondOffer)
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        JsonNode assigned = matching.await(EventTypes.MATCH_ASSIGNED, caseId.toString(), WAIT);
        assertThat(assigned.path("data").path("specialistUserId").asText()).isEqualTo("specialist2");
        assertThat(assigned.path("data").path("patientId").asText()).isEqualTo("patient1");

        given().auth().oauth2(TestTokens.specialist("specialist2"))
                .post("/api/v1/offers/{id}/accept", secondOffer)
                .then().statusCode(409).body("currentState", equalTo("ACCEPTED"));

        given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .get("/api/v1/matches/{caseId}", caseId)
                .then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("offers.status", equalTo(List.of("DECLINED", "ACCEPTED")))
                .body("offers[0].specialistUserId", equalTo("specialist1"))
                .body("candidates[0].specialistUserId", equalTo("specialist2"))
                .body("candidates[0].terms.procedureExpertise", equalTo(3.0f))
                .body("exclusions.ALREADY_OFFERED", equalTo(1));
    }

    @Test
    void aNewMatchIsWrittenOnceInItsOfferedState() {
        UUID caseId = submitDemoCase();
        // a first offer says it is no rematch: case-service then need not read the case
        JsonNode offered = awaitOfferEvent(caseId, "specialist1");
        assertThat(offered.path("rematch").isBoolean()).isTrue();
        assertThat(offered.path("rematch").booleanValue()).isFalse();
        // inserted already ranked and offered: persisted before, Hibernate inserted it and updated it again in the
        // same flush (version 1 after the first offer)
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "SELECT status, version, jsonb_array_length(candidates) FROM match_request "
                                + "WHERE case_id = ?1")
                .setParameter(1, caseId).getSingleResult());
        assertThat(row[0]).isEqualTo("OFFERED");
        assertThat(((Number) row[1]).longValue()).isZero();
        assertThat(((Number) row[2]).intValue()).isPositive();
    }

    @Test
    void assignmentCountsTowardsTheSpecialistsLoad() {
        int before = projection(SPECIALIST1).activeCases;
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/offers/{id}/accept", offer).then().statusCode(200);
        assertThat(projection(SPECIALIST1).activeCases).isEqualTo(before + 1);
    }

    @Test
    void anotherSpecialistCannotSeeOrAnswerMyOffer() {
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");

        given().auth().oauth2(TestTokens.specialist("specialist2"))
                .post("/api/v1/offers/{id}/accept", offer).then().statusCode(404);
        given().auth().oauth2(TestTokens.specialist("specialist2")).contentType(ContentType.JSON)
                .body("{\"reason\":\"no\"}")
                .post("/api/v1/offers/{id}/decline", offer).then().statusCode(404);
        given().auth().oauth2(TestTokens.specialist("specialist2")).get("/api/v1/offers")
                .then().statusCode(200).body("items.id", not(hasItem(offer)));
        given().auth().oauth2(TestTokens.specialist("specialist1")).get("/api/v1/offers?size=100")
                .then().statusCode(200)
                .body("items.id", hasItem(offer))
                .body("items.find { it.id == '" + offer + "' }.caseReference", equalTo("SO-" + caseId.toString().substring(0, 8)))
                .body("items.find { it.id == '" + offer + "' }.procedureCode", equalTo("63030"))
                .body("items.find { it.id == '" + offer + "' }.patientState", equalTo("CA"));
    }

    @Test
    void whenEveryoneDeclinesTheMatchFails() {
        UUID caseId = submitDemoCase();
        decline("specialist1", awaitOffer(caseId, "specialist1"));
        decline("specialist2", awaitOffer(caseId, "specialist2"));

        JsonNode failed = matching.await(EventTypes.MATCH_FAILED, caseId.toString(), WAIT);
        assertThat(failed.path("data").path("patientId").asText()).isEqualTo("patient1");
        given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .get("/api/v1/matches/{caseId}", caseId)
                .then().statusCode(200).body("status", equalTo("FAILED"))
                .body("exclusions.ALREADY_OFFERED", equalTo(2));
    }

    @Test
    void anOverdueOfferExpiresAndMovesOnToTheNextCandidate() {
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE offer SET expires_at = now() - interval '1 minute' WHERE id = ?1")
                .setParameter(1, UUID.fromString(offer)).executeUpdate());

        given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/offers/{id}/accept", offer)
                .then().statusCode(409).body("currentState", equalTo("EXPIRED"));

        try (EventProbe matching = EventProbe.on(Topics.MATCHING_EVENTS)) {
            await().atMost(WAIT).until(() -> offerResponses.expireOverdueOffers() == 0
                    && offerStatus(offer).equals("EXPIRED"));
            // coordinators hear about lapsed offers through match.offer-expired
            JsonNode expired = matching.await(e -> EventTypes.MATCH_OFFER_EXPIRED.equals(e.path("type").asText())
                    && offer.equals(e.path("data").path("offerId").asText()), WAIT);
            assertThat(expired.path("subject").asText()).isEqualTo(caseId.toString());
            assertThat(expired.path("data").path("specialistUserId").asText()).isEqualTo("specialist1");
        }
        awaitOffer(caseId, "specialist2");
    }

    @Inject
    OfferResponses offerResponses;

    @Test
    void cancellingTheCaseWithdrawsThePendingOffer() {
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CANCELLED,
                new CaseCancelled(caseId, "SO-x", "patient1", "MATCHING", Instant.now()));
        await().atMost(WAIT).until(() -> offerStatus(offer).equals("WITHDRAWN"));
        given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/offers/{id}/accept", offer)
                .then().statusCode(409).body("currentState", equalTo("WITHDRAWN"));
    }

    @Test
    void aRedeliveredSubmissionCreatesNoSecondMatch() throws Exception {
        UUID caseId = UUID.randomUUID();
        EventEnvelope submitted = envelope(caseId, EventTypes.CASE_SUBMITTED, demoCase(caseId));
        String json = mapper.writeValueAsString(submitted);
        EventProbe.send(Topics.CASE_EVENTS, caseId.toString(), json);
        EventProbe.send(Topics.CASE_EVENTS, caseId.toString(), json);
        // and case-service publishing the same submission again under a new event id
        EventEnvelope republished = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_SUBMITTED, demoCase(caseId));
        await().atMost(WAIT).until(() -> consumed(republished.id()));

        assertThat(count("SELECT count(*) FROM match_request WHERE case_id = ?1", caseId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM offer WHERE case_id = ?1", caseId)).isEqualTo(1);
    }

    @Test
    void anOlderSnapshotNeverOverwritesANewerOne() {
        UUID id = UUID.randomUUID();
        send(Topics.SPECIALIST_EVENTS, id, EventTypes.SPECIALIST_UPSERTED, snapshot(id, 5, "ACTIVE", 7));
        await().atMost(WAIT).until(() -> projection(id) != null);
        EventEnvelope older = send(Topics.SPECIALIST_EVENTS, id, EventTypes.SPECIALIST_UPSERTED,
                snapshot(id, 3, "SUSPENDED", 1));
        EventEnvelope same = send(Topics.SPECIALIST_EVENTS, id, EventTypes.SPECIALIST_UPSERTED,
                snapshot(id, 5, "SUSPENDED", 2));
        await().atMost(WAIT).until(() -> consumed(older.id()) && consumed(same.id()));

        SpecialistProjection p = projection(id);
        assertThat(p.snapshotVersion).isEqualTo(5);
        assertThat(p.status).isEqualTo("ACTIVE");
        assertThat(p.capacity).isEqualTo(7);

        EventEnvelope newer = send(Topics.SPECIALIST_EVENTS, id, EventTypes.SPECIALIST_UPSERTED,
                snapshot(id, 6, "SUSPENDED", 7));
        await().atMost(WAIT).until(() -> consumed(newer.id()));
        assertThat(projection(id).status).isEqualTo("SUSPENDED");
    }

    @Test
    void offersNeedASpecialistsToken() {
        given().get("/api/v1/offers").then().statusCode(401);
        given().auth().oauth2(TestTokens.patient("patient1")).get("/api/v1/offers").then().statusCode(403);
        given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .post("/api/v1/offers/{id}/accept", UUID.randomUUID()).then().statusCode(403);
        given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/offers/{id}/accept", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void matchDetailsAreForCoordinatorsOnly() {
        given().get("/api/v1/matches/{id}", UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(TestTokens.specialist("specialist1"))
                .get("/api/v1/matches/{id}", UUID.randomUUID()).then().statusCode(403);
        given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .get("/api/v1/matches/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void declineNeedsAReasonOfAtMost500Characters() {
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/offers/{id}/decline", offer)
                .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.containsString("reason"));
        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON)
                .body("{\"reason\":\"" + "x".repeat(501) + "\"}").post("/api/v1/offers/{id}/decline", offer)
                .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.containsString("reason"));
        assertThat(offerStatus(offer)).isEqualTo("PENDING");
    }

    // --- helpers ---

    private static CaseSubmitted demoCase(UUID caseId) {
        return caseSubmitted(caseId, "ROUTINE", "CA");
    }

    /** A specialist in another specialty, so that the demo cases never reach them. */
    private static SpecialistUpserted snapshot(UUID id, long version, String status, int capacity) {
        return new SpecialistUpserted(id, version, null, status, true, "UROLOGY", List.of(), List.of("UROLOGY"),
                List.of("NY"), List.of("en"), List.of(), false, null, List.of(), capacity, 72);
    }
}
