package org.secondopinion.matching.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.matching.matches.MatchingTestSupport;
import org.secondopinion.matching.matches.Matchmaker;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CoordinatorToolsTest extends MatchingTestSupport {

    static final String COORDINATOR = TestTokens.coordinator("coordinator1");

    @Test
    void coordinatorAssignsAnEligibleSpecialistAndThePendingOfferIsWithdrawn() {
        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        int before = load(SPECIALIST2);

        assign(caseId, SPECIALIST2, "patient asked for Dr. Reyes", false)
                .then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("assignedSpecialistId", equalTo(SPECIALIST2.toString()))
                .body("assignedBy", equalTo("coordinator1"))
                .body("assignmentReason", equalTo("patient asked for Dr. Reyes"))
                .body("assignmentOverride", nullValue());
        JsonNode assigned = matching.await(EventTypes.MATCH_ASSIGNED, caseId.toString(), WAIT);
        assertThat(assigned.path("data").path("specialistUserId").asText()).isEqualTo("specialist2");
        assertThat(offerStatus(offer)).isEqualTo("WITHDRAWN");
        assertThat(load(SPECIALIST2)).isEqualTo(before + 1);

        assign(caseId, SPECIALIST1, "second thoughts", false)
                .then().statusCode(409).body("currentState", equalTo("ASSIGNED"));
        given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/offers/{id}/accept", offer).then().statusCode(409);
        close(caseId);
    }

    @Test
    void anAssignedCaseIsReassignedWhenItsSpecialistWithdrawsAndTheLoadMovesWithIt() {
        UUID caseId = submitDemoCase();
        awaitOffer(caseId, "specialist1");
        // only an ASSIGNED case is reassigned (an assignment never takes a case from anyone: it may race an accept)
        reassign(caseId, SPECIALIST2, "too early", false)
                .then().statusCode(409).body("currentState", equalTo("OFFERED"));
        assign(caseId, SPECIALIST2, "patient asked for Dr. Reyes", false).then().statusCode(200);
        matching.await(EventTypes.MATCH_ASSIGNED, caseId.toString(), WAIT);
        int withdrawing = load(SPECIALIST2);
        int taking = load(SPECIALIST1);

        reassign(caseId, SPECIALIST2, "to the same one", false)
                .then().statusCode(409).body("currentState", equalTo("ASSIGNED"));
        reassign(caseId, SPECIALIST1, "Dr. Reyes withdrew: family emergency", false)
                .then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("assignedSpecialistId", equalTo(SPECIALIST1.toString()))
                .body("assignmentReason", equalTo("Dr. Reyes withdrew: family emergency"));
        // case-service hears the new specialist's name (and takes the case and its consults from the previous one)
        matching.await(e -> EventTypes.MATCH_ASSIGNED.equals(e.path("type").asText())
                && caseId.toString().equals(e.path("subject").asText())
                && "specialist1".equals(e.path("data").path("specialistUserId").asText()), WAIT);
        assertThat(load(SPECIALIST2)).isEqualTo(withdrawing - 1);
        assertThat(load(SPECIALIST1)).isEqualTo(taking + 1);

        // once the work is over (the case closed: the load given back) it stays with whoever did it
        close(caseId);
        assertThat(load(SPECIALIST1)).isEqualTo(taking);
        reassign(caseId, SPECIALIST2, "too late", true)
                .then().statusCode(409).body("currentState", equalTo("ASSIGNED"));
        assertThat(load(SPECIALIST2)).isEqualTo(withdrawing - 1);
    }

    @Test
    void aHardConstraintStopsTheAssignmentUnlessForcedAndTheOverrideIsRecorded() {
        UUID caseId = submitDemoCase();
        awaitOffer(caseId, "specialist1");
        UUID urologist = urologist();

        assign(caseId, urologist, "only one free", false)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("specialistId"))
                .body("detail", containsString("NOT_CERTIFIED_IN_SPECIALTY"));
        assertThat(matchStatus(caseId)).isEqualTo("OFFERED");

        assign(caseId, urologist, "board certification is pending, confirmed by phone", true)
                .then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("assignmentOverride", equalTo("NOT_CERTIFIED_IN_SPECIALTY"));
        close(caseId);
    }

    @Test
    void assignmentNeedsAReasonAKnownSpecialistAndAKnownCase() {
        UUID caseId = submitDemoCase();
        awaitOffer(caseId, "specialist1");
        given().auth().oauth2(COORDINATOR).contentType(ContentType.JSON)
                .body("{\"specialistId\":\"" + SPECIALIST2 + "\"}")
                .post("/api/v1/matches/{caseId}/assign", caseId)
                .then().statusCode(400).body("violations[0].field", containsString("reason"));
        given().auth().oauth2(COORDINATOR).contentType(ContentType.JSON)
                .body("{\"reason\":\"x\"}")
                .post("/api/v1/matches/{caseId}/assign", caseId)
                .then().statusCode(400).body("violations[0].field", containsString("specialistId"));
        assign(caseId, UUID.randomUUID(), "x", true)
                .then().statusCode(400).body("violations[0].field", equalTo("specialistId"));
        assign(UUID.randomUUID(), SPECIALIST2, "x", false).then().statusCode(404);
        assertThat(matchStatus(caseId)).isEqualTo("OFFERED");
    }

    @Test
    void coordinatorToolsNeedACoordinatorsToken() {
        UUID caseId = UUID.randomUUID();
        given().post("/api/v1/matches/{caseId}/rematch", caseId).then().statusCode(401);
        given().get("/api/v1/matches").then().statusCode(401);
        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON)
                .body("{\"specialistId\":\"" + SPECIALIST1 + "\",\"reason\":\"me\"}")
                .post("/api/v1/matches/{caseId}/assign", caseId).then().statusCode(403);
        given().auth().oauth2(TestTokens.patient("patient1"))
                .post("/api/v1/matches/{caseId}/rematch", caseId).then().statusCode(403);
        given().auth().oauth2(TestTokens.patient("patient1")).get("/api/v1/matches").then().statusCode(403);
        given().auth().oauth2(COORDINATOR).post("/api/v1/matches/{caseId}/rematch", caseId).then().statusCode(404);
    }

    @Test
    void rematchOffersAFailedCaseToASpecialistWhoJoinedSince() {
        String state = nowhereState();
        UUID caseId = submitCase("ROUTINE", state);
        matching.await(EventTypes.MATCH_FAILED, caseId.toString(), WAIT);

        // nobody new yet: still FAILED, with the fresh explanation, and no second match.failed
        given().auth().oauth2(COORDINATOR).post("/api/v1/matches/{caseId}/rematch", caseId)
                .then().statusCode(200).body("status", equalTo("FAILED"))
                .body("exclusions.NOT_LICENSED_IN_PATIENT_STATE", org.hamcrest.Matchers.greaterThanOrEqualTo(2));

        UUID newcomer = UUID.randomUUID();
        String user = "newcomer-" + newcomer.toString().substring(0, 8);
        EventEnvelope joined = send(Topics.SPECIALIST_EVENTS, newcomer, EventTypes.SPECIALIST_UPSERTED,
                new SpecialistUpserted(newcomer, 1, user, "ACTIVE", true, "ORTHOPAEDIC_SURGERY", List.of(),
                        List.of("ORTHOPAEDIC_SURGERY"), List.of(state), List.of("en"), List.of(), false, null,
                        List.of(), 5, 72));
        await().atMost(WAIT).until(() -> consumed(joined.id()));

        given().auth().oauth2(COORDINATOR).post("/api/v1/matches/{caseId}/rematch", caseId)
                .then().statusCode(200).body("status", equalTo("OFFERED"))
                .body("candidates[0].specialistUserId", equalTo(user));
        // the offer says it reopens a failed match: case-service takes the case back from UNMATCHED
        assertThat(awaitOfferEvent(caseId, user).path("rematch").asBoolean()).isTrue();

        given().auth().oauth2(COORDINATOR).post("/api/v1/matches/{caseId}/rematch", caseId)
                .then().statusCode(409).body("currentState", equalTo("OFFERED"));
    }

    @Test
    void theQueueShowsFailedCasesFirstThenOffersSoonestToExpire() {
        UUID failed = submitCase("ROUTINE", nowhereState());
        UUID routine = submitDemoCase();
        UUID urgent = submitCase("URGENT", "CA");
        matching.await(EventTypes.MATCH_FAILED, failed.toString(), WAIT);
        awaitOffer(routine, "specialist1");
        awaitOffer(urgent, "specialist1");

        List<String> caseIds = given().auth().oauth2(COORDINATOR).get("/api/v1/matches?size=100")
                .then().statusCode(200).extract().jsonPath().getList("items.caseId", String.class);
        assertThat(caseIds).contains(failed.toString(), routine.toString(), urgent.toString());
        assertThat(caseIds.indexOf(failed.toString())).isLessThan(caseIds.indexOf(urgent.toString()));
        // an urgent offer runs out after 4 h, a routine one after 24 h
        assertThat(caseIds.indexOf(urgent.toString())).isLessThan(caseIds.indexOf(routine.toString()));

        given().auth().oauth2(COORDINATOR).get("/api/v1/matches?status=FAILED&size=100")
                .then().statusCode(200).body("items.status", everyItem(equalTo("FAILED")))
                .body("items.find { it.caseId == '" + failed + "' }.failureReason",
                        equalTo(Matchmaker.NO_CANDIDATE));
        given().auth().oauth2(COORDINATOR).get("/api/v1/matches?status=OFFERED&size=100")
                .then().statusCode(200)
                .body("items.find { it.caseId == '" + urgent + "' }.offeredTo", equalTo("specialist1"));
        given().auth().oauth2(COORDINATOR).get("/api/v1/matches?status=LOST")
                .then().statusCode(400).body("violations[0].field", containsString("status"));
        given().auth().oauth2(COORDINATOR).get("/api/v1/matches?size=101")
                .then().statusCode(400).body("violations[0].field", containsString("size"));
    }

    private io.restassured.response.Response assign(UUID caseId, UUID specialistId, String reason, boolean force) {
        return handOver("assign", caseId, specialistId, reason, force);
    }

    private io.restassured.response.Response reassign(UUID caseId, UUID specialistId, String reason, boolean force) {
        return handOver("reassign", caseId, specialistId, reason, force);
    }

    private io.restassured.response.Response handOver(String action, UUID caseId, UUID specialistId, String reason,
                                                      boolean force) {
        return given().auth().oauth2(COORDINATOR).contentType(ContentType.JSON)
                .body("{\"specialistId\":\"" + specialistId + "\",\"reason\":\"" + reason + "\",\"force\":" + force + "}")
                .post("/api/v1/matches/{caseId}/" + action, caseId);
    }

    /** A urologist nobody's orthopaedic case ever reaches by ranking. */
    private UUID urologist() {
        UUID id = UUID.randomUUID();
        EventEnvelope e = send(Topics.SPECIALIST_EVENTS, id, EventTypes.SPECIALIST_UPSERTED,
                new SpecialistUpserted(id, 1, "uro-" + id.toString().substring(0, 8), "ACTIVE", true, "UROLOGY",
                        List.of(), List.of("UROLOGY"), List.of("CA"), List.of("en"), List.of(), false, null,
                        List.of(), 5, 72));
        await().atMost(WAIT).until(() -> consumed(e.id()));
        return id;
    }

    /** Closes the case so the assignment's load does not pile up across tests. */
    private void close(UUID caseId) {
        EventEnvelope closed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLOSED,
                new CaseClosed(caseId, "SO-x", "patient1", null, "AUTO", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(closed.id()));
    }
}
