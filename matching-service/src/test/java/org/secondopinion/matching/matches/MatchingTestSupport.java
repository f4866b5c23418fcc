package org.secondopinion.matching.matches;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.secondopinion.infra.testing.EventProbe;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Shared helpers of the @QuarkusTests that drive matching through real Kafka events and HTTP. */
public abstract class MatchingTestSupport {

    protected static final UUID SPECIALIST1 = UUID.fromString("5e000000-0000-4000-8000-000000000001");
    protected static final UUID SPECIALIST2 = UUID.fromString("5e000000-0000-4000-8000-000000000002");
    protected static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    protected ObjectMapper mapper;

    @Inject
    protected EntityManager em;

    protected EventProbe matching;

    @BeforeEach
    protected void demoDirectory() {
        matching = EventProbe.on(Topics.MATCHING_EVENTS);
        // the same versions every time: re-sending them is a no-op, so tests stay independent of their order
        send(Topics.SPECIALIST_EVENTS, SPECIALIST1, EventTypes.SPECIALIST_UPSERTED, specialist1(1));
        send(Topics.SPECIALIST_EVENTS, SPECIALIST2, EventTypes.SPECIALIST_UPSERTED, specialist2(1));
        await().atMost(WAIT).until(() -> projection(SPECIALIST1) != null && projection(SPECIALIST2) != null);
    }

    @AfterEach
    protected void closeProbe() {
        matching.close();
    }

    protected UUID submitCase(String urgency, String patientState) {
        UUID caseId = UUID.randomUUID();
        send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_SUBMITTED, caseSubmitted(caseId, urgency, patientState));
        return caseId;
    }

    protected static CaseSubmitted caseSubmitted(UUID caseId, String urgency, String patientState) {
        return new CaseSubmitted(caseId, "SO-" + caseId.toString().substring(0, 8), "patient1", "ORTHOPAEDIC_SURGERY",
                "M51.26", "63030", urgency, LocalDate.now().plusWeeks(6), patientState, "en",
                List.of("UNDERSTAND_OPTIONS"), "1003000126", "Valley Spine Center", Instant.now());
    }

    /** The demo directory's spine surgeon licensed in CA and NV, at {@code version}. */
    protected static SpecialistUpserted specialist1(long version) {
        return new SpecialistUpserted(SPECIALIST1, version, "specialist1", "ACTIVE", true, "ORTHOPAEDIC_SURGERY",
                List.of("SPINE"), List.of("ORTHOPAEDIC_SURGERY"), List.of("CA", "NV"), List.of("en", "es"),
                List.of("63030", "63047", "22551"), true, "1234567893", List.of("UCSF Health"), 10, 24);
    }

    /** The demo directory's second spine surgeon, CA only, at {@code version}. */
    protected static SpecialistUpserted specialist2(long version) {
        return new SpecialistUpserted(SPECIALIST2, version, "specialist2", "ACTIVE", true, "ORTHOPAEDIC_SURGERY",
                List.of("SPINE"), List.of("ORTHOPAEDIC_SURGERY"), List.of("CA"), List.of("en"),
                List.of("63030", "63047"), true, "1245319599", List.of("Cedars-Sinai"), 10, 48);
    }

    protected UUID submitDemoCase() {
        return submitCase("ROUTINE", "CA");
    }

    /** A state no demo specialist is licensed in, unique to the test, so its case fails at once. */
    protected static String nowhereState() {
        return "Z" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    protected String awaitOffer(UUID caseId, String specialistUserId) {
        return awaitOfferEvent(caseId, specialistUserId).path("offerId").asText();
    }

    /** The {@code data} of the {@code match.offered} event that offers the case to that specialist. */
    protected JsonNode awaitOfferEvent(UUID caseId, String specialistUserId) {
        return matching.await(e -> EventTypes.MATCH_OFFERED.equals(e.path("type").asText())
                && caseId.toString().equals(e.path("subject").asText())
                && specialistUserId.equals(e.path("data").path("specialistUserId").asText()), WAIT).path("data");
    }

    protected void accept(String user, String offerId) {
        given().auth().oauth2(TestTokens.specialist(user))
                .post("/api/v1/offers/{id}/accept", offerId).then().statusCode(200);
    }

    protected void decline(String user, String offerId) {
        given().auth().oauth2(TestTokens.specialist(user)).contentType(ContentType.JSON)
                .body("{\"reason\":\"not my area\"}")
                .post("/api/v1/offers/{id}/decline", offerId).then().statusCode(200);
    }

    protected EventEnvelope send(String topic, UUID subject, String type, Object payload) {
        EventEnvelope envelope = envelope(subject, type, payload);
        sendAgain(topic, envelope);
        return envelope;
    }

    /** Sends the very same envelope (same event id) again: a redelivery. */
    protected void sendAgain(String topic, EventEnvelope envelope) {
        try {
            EventProbe.send(topic, envelope.subject(), mapper.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected EventEnvelope envelope(UUID subject, String type, Object payload) {
        return EventEnvelope.create("/second-opinion/test", type, subject.toString(), Instant.now(),
                mapper.valueToTree(payload));
    }

    protected SpecialistProjection projection(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(SpecialistProjection.class, id));
    }

    protected int load(UUID specialistId) {
        return projection(specialistId).activeCases;
    }

    protected String offerStatus(String offerId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT status FROM offer WHERE id = ?1").setParameter(1, UUID.fromString(offerId)).getSingleResult());
    }

    protected String matchStatus(UUID caseId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT status FROM match_request WHERE case_id = ?1").setParameter(1, caseId)
                .getResultStream().findFirst().orElse(""));
    }

    protected boolean consumed(String eventId) {
        return count("SELECT count(*) FROM inbox_message WHERE event_id = ?1", eventId) == 1;
    }

    protected long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
