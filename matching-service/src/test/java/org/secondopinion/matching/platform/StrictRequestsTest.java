package org.secondopinion.matching.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.StrictRequestsContract;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.matching.projection.SpecialistProjection;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseSubmitted;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The platform's request-parsing rules over every operation of matching-service (see {@link StrictRequestsContract}),
 * and the order of refusals (DESIGN §3) over the operations scoped to an offer ({@code /api/v1/offers/{id}}) or to
 * a case's match ({@code /api/v1/matches/{caseId}}).
 */
@QuarkusTest
class StrictRequestsTest extends StrictRequestsContract {

    private static final String OFFER_SCOPED = "/api/v1/offers/{id}";
    private static final String MATCH_SCOPED = "/api/v1/matches/{caseId}";

    /** A specialist of this test class alone, with one pending offer; made once, through the real consumers. */
    private static final String OWNER = "strict-specialist-" + UUID.randomUUID();
    private static String ownOffer;
    private static String ownCase;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    /**
     * Scoped operations answer 404 before judging a request, so the request checks run as a specialist (and
     * coordinator) on their own pending offer and an existing match. None of the checks sends a request that
     * answers the offer.
     */
    @BeforeEach
    void aPendingOfferOfTheCaller() {
        if (ownOffer == null) {
            offerACaseTo(OWNER);
        }
        anyoneId = OWNER;
        anyone = TestTokens.allRoles(OWNER);
        checks.pathsBy(op -> op.template().startsWith(OFFER_SCOPED) ? op.path(Map.of("id", ownOffer))
                : op.template().startsWith(MATCH_SCOPED) ? op.path(Map.of("caseId", ownCase)) : op.path());
    }

    @Test
    void onEveryOfferOperationAnotherSpecialistGets404WhateverTheRequestAndTheOwnerGetsTheRequestsRefusal() {
        // a specialist (and coordinator) the offer was not made to
        String stranger = TestTokens.of("stranger-" + UUID.randomUUID(), "specialist", "coordinator");
        holdsTheOrderOfRefusals(OFFER_SCOPED, op -> op.path(Map.of("id", ownOffer)), stranger, 2);
        assertThat(offerStatus()).isEqualTo("PENDING");
    }

    @Test
    void onEveryMatchOperationACaseWithoutAMatchIs404WhateverTheRequestAndAnExistingOneGetsTheRequestsRefusal() {
        // coordinators see every match: what they may not see is a match that does not exist
        String coordinator = TestTokens.coordinator("coordinator-" + UUID.randomUUID());
        holdsTheOrderOfRefusals(MATCH_SCOPED, op -> op.path(Map.of("caseId", UUID.randomUUID().toString())),
                coordinator, 3);
        assertThat(offerStatus()).isEqualTo("PENDING");
    }

    @Test
    void aDeclineWithoutAReasonIs404ForAnotherSpecialistAnd400NamingTheReasonForTheOwner() {
        given().auth().oauth2(TestTokens.specialist("stranger-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"reason\":\"\"}").post("/api/v1/offers/{id}/decline", ownOffer)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.specialist(OWNER)).contentType(ContentType.JSON)
                .body("{\"reason\":\"\"}").post("/api/v1/offers/{id}/decline", ownOffer)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", containsString("reason"));
        assertThat(offerStatus()).isEqualTo("PENDING");
    }

    @Test
    void anAssignmentWithoutASpecialistIs404ForACaseWithoutAMatchAnd400NamingTheFieldForAMatchedCase() {
        String coordinator = TestTokens.coordinator("coordinator-" + UUID.randomUUID());
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).body("{\"reason\":\"\"}")
                .post("/api/v1/matches/{caseId}/assign", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).body("{\"reason\":\"faster\"}")
                .post("/api/v1/matches/{caseId}/assign", ownCase)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", containsString("specialistId"));
        given().auth().oauth2(coordinator).get("/api/v1/matches/{caseId}", ownCase)
                .then().statusCode(200).body("status", equalTo("OFFERED"));
    }

    private String offerStatus() {
        return given().auth().oauth2(TestTokens.coordinator("coordinator1")).get("/api/v1/matches/{caseId}", ownCase)
                .then().statusCode(200).extract().path("offers.find { it.id == '" + ownOffer + "' }.status");
    }

    /**
     * A specialist licensed only in a state of their own, and a case from that state: matching offers it to them and
     * nobody else, and no other test's case ever reaches them.
     */
    private void offerACaseTo(String userId) {
        String state = "Z" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        UUID specialistId = UUID.randomUUID();
        send(Topics.SPECIALIST_EVENTS, specialistId, EventTypes.SPECIALIST_UPSERTED, new SpecialistUpserted(
                specialistId, 1, userId, "ACTIVE", true, "ORTHOPAEDIC_SURGERY", List.of("SPINE"),
                List.of("ORTHOPAEDIC_SURGERY"), List.of(state), List.of("en"), List.of("63030"), true, "1234567893",
                List.of("Strict Requests Hospital"), 10, 24));
        // the two topics are consumed independently: a case before its only candidate would fail to match
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> em.find(SpecialistProjection.class, specialistId)) != null);
        UUID caseId = UUID.randomUUID();
        send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_SUBMITTED, new CaseSubmitted(caseId,
                "SO-" + caseId.toString().substring(0, 8), "patient-" + caseId, "ORTHOPAEDIC_SURGERY", "M51.26",
                "63030", "ROUTINE", LocalDate.now().plusWeeks(6), state, "en", List.of("UNDERSTAND_OPTIONS"),
                "1003000126", "Valley Spine Center", Instant.now()));
        String token = TestTokens.specialist(userId);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(token).get("/api/v1/offers")
                .then().statusCode(200).extract().<Integer>path("total") > 0);
        ownOffer = given().auth().oauth2(token).get("/api/v1/offers").then().statusCode(200)
                .extract().path("items[0].id");
        ownCase = caseId.toString();
    }

    private void send(String topic, UUID subject, String type, Object payload) {
        EventEnvelope envelope = EventEnvelope.create("/second-opinion/test", type, subject.toString(), Instant.now(),
                mapper.valueToTree(payload));
        try {
            EventProbe.send(topic, envelope.subject(), mapper.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
