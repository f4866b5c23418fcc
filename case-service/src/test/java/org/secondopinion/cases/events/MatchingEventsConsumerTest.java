package org.secondopinion.cases.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.casefile.CaseService;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.StatementCounter;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.MatchOffered;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class MatchingEventsConsumerTest {

    @Inject
    EntityManager em;

    @Inject
    CaseService cases;

    private static final String SPECIALIST1_ID = "5e000000-0000-4000-8000-000000000001";
    private static final String SPECIALIST2_ID = "5e000000-0000-4000-8000-000000000002";
    private static final String DLQ = "matching-events.case-service.dlq";

    @Test
    void anAcceptedOfferAssignsTheCaseAndOpensItToThatSpecialistOnly() {
        UUID id = CaseApi.submittedSpineCase("patient-assign");
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), assigned(Envelopes.newId(), id));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient("patient-assign"), id).statusCode(200).body("status", equalTo("ASSIGNED")));
        CaseApi.get(TestTokens.specialist("specialist1"), id).statusCode(200)
                .body("assignedSpecialistId", equalTo(SPECIALIST1_ID));
        CaseApi.get(TestTokens.specialist("specialist2"), id).statusCode(404);
    }

    @Test
    void aFailedMatchLeavesTheCaseUnmatchedAndARedeliveryChangesNothing() {
        UUID id = CaseApi.submittedSpineCase("patient-unmatched");
        String failedEventId = Envelopes.newId();
        String failed = Envelopes.envelope(failedEventId, "match.failed.v1", id.toString(), Map.of(
                "caseId", id.toString(), "caseReference", "SO-x", "patientId", "patient-unmatched",
                "reason", "NO_ELIGIBLE_SPECIALIST"));
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), failed);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient("patient-unmatched"), id).body("status", equalTo("UNMATCHED")));

        // a coordinator's rematch offered it to someone: the case waits for a specialist again
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), Envelopes.envelope(Envelopes.newId(),
                "match.offered.v1", id.toString(), Map.of("offerId", Envelopes.newId(), "caseId", id.toString(),
                        "caseReference", "SO-x", "specialistId", SPECIALIST1_ID, "specialistUserId", "specialist1",
                        "urgency", "ROUTINE", "expiresAt", "2030-01-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient("patient-unmatched"), id).body("status", equalTo("SUBMITTED")));

        // and the specialist accepted: assigned after all
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), assigned(Envelopes.newId(), id));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient("patient-unmatched"), id).body("status", equalTo("ASSIGNED")));

        // Kafka redelivers the old failure: the inbox knows it, so the assignment stands and nothing is dead-lettered
        try (EventProbe deadLetters = EventProbe.on(DLQ)) {
            EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), failed);
            UUID marker = CaseApi.submittedSpineCase("patient-unmatched");
            EventProbe.send(Topics.MATCHING_EVENTS, marker.toString(), assigned(Envelopes.newId(), marker));
            // the marker shares no key with the case, so wait on the case's own partition order instead:
            // a later event for the same case that we can observe
            EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), Envelopes.envelope(Envelopes.newId(),
                    "match.offer-declined.v1", id.toString(), Map.of("caseId", id.toString())));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    CaseApi.get(TestTokens.patient("patient-unmatched"), marker).body("status", equalTo("ASSIGNED")));
            CaseApi.get(TestTokens.patient("patient-unmatched"), id).body("status", equalTo("ASSIGNED"));
            assertThat(deadLetters.drain(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void anOfferThatIsNoRematchCostsTheCaseServiceNoRead() {
        UUID id = CaseApi.submittedSpineCase("patient-first-offer");
        Instant deadline = Instant.now().plus(Duration.ofDays(1));

        // a case's first offer, or the next after a decline: one per case under load, and none of the case's business
        int first = StatementCounter.count(em, () -> {
            cases.onOffered(new MatchOffered(UUID.randomUUID(), id, "SO-x", UUID.fromString(SPECIALIST1_ID),
                    "specialist1", "ROUTINE", deadline, false));
            return null;
        }).statements();
        // an event from before the field existed may be a rematch: the case is read to find out
        int undeclared = StatementCounter.count(em, () -> {
            cases.onOffered(new MatchOffered(UUID.randomUUID(), id, "SO-x", UUID.fromString(SPECIALIST1_ID),
                    "specialist1", "ROUTINE", deadline, null));
            return null;
        }).statements();

        assertThat(first).isZero();
        assertThat(undeclared).isEqualTo(1);
        CaseApi.get(TestTokens.patient("patient-first-offer"), id).statusCode(200).body("status", equalTo("SUBMITTED"));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndDoesNotBlockTheOthers() {
        try (EventProbe deadLetters = EventProbe.on(DLQ)) {
            String key = UUID.randomUUID().toString();
            EventProbe.send(Topics.MATCHING_EVENTS, key, "{this is not json");
            JsonNode dead = deadLetters.await(e -> e.has("unreadable") && e.path("unreadable").asText().contains("not json"),
                    Duration.ofSeconds(30));
            assertThat(dead).isNotNull();
        }
        UUID id = CaseApi.submittedSpineCase("patient-after-poison");
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), assigned(Envelopes.newId(), id));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient("patient-after-poison"), id).body("status", equalTo("ASSIGNED")));
    }

    @Test
    void eventsPolledTogetherCommitInOneTransactionAndAFailingOneAmongThemFailsAlone() {
        UUID a = CaseApi.submittedSpineCase("patient-burst");
        UUID b = CaseApi.submittedSpineCase("patient-burst");
        UUID c = CaseApi.submittedSpineCase("patient-burst");
        String key = UUID.randomUUID().toString();
        String first = Envelopes.newId();
        String second = Envelopes.newId();
        EventProbe.sendTogether(Topics.MATCHING_EVENTS, key, List.of(assigned(first, a), assigned(second, b)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CaseApi.get(TestTokens.patient("patient-burst"), a).body("status", equalTo("ASSIGNED"));
            CaseApi.get(TestTokens.patient("patient-burst"), b).body("status", equalTo("ASSIGNED"));
        });
        // one transaction for the poll: its inbox rows carry the same now(), the transaction's start
        assertThat(inboxRows(first) + inboxRows(second)).isEqualTo(2);
        assertThat(distinctReceiptTimes(first, second)).isEqualTo(1);

        // a poll with a redelivery, a duplicate inside the poll and an event whose payload cannot be read: the
        // bad one goes to the dead-letter topic on its own, the others take effect once
        String badId = Envelopes.newId();
        String bad = Envelopes.envelope(badId, "match.assigned.v1", c.toString(), Map.of(
                "caseId", c.toString(), "specialistId", "not-a-uuid"));
        String third = Envelopes.newId();
        try (EventProbe deadLetters = EventProbe.on(DLQ)) {
            EventProbe.sendTogether(Topics.MATCHING_EVENTS, key,
                    List.of(assigned(first, a), bad, assigned(third, c), assigned(third, c)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    CaseApi.get(TestTokens.patient("patient-burst"), c).body("status", equalTo("ASSIGNED")));
            assertThat(deadLetters.drain(Duration.ofSeconds(2))).extracting(e -> e.path("id").asText())
                    .containsExactly(badId);
        }
        assertThat(inboxRows(first)).isEqualTo(1);
        assertThat(inboxRows(third)).isEqualTo(1);
    }

    @Test
    void aReassignmentThatCrossesTheOpinionsDeliveryLapsesAndTheOpinionStands() {
        UUID id = CaseApi.submittedSpineCase("patient-crossed");
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), assigned(Envelopes.newId(), id));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient("patient-crossed"), id).body("status", equalTo("ASSIGNED")));
        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON).body(Map.of("verdict", "CONCUR", "summary", "Surgery is reasonable.",
                "confidence", "HIGH")).put("/api/v1/cases/{id}/opinion", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.specialist("specialist1"))
                .post("/api/v1/cases/{id}/opinion/submit", id).then().statusCode(200);

        // the coordinator's reassignment to specialist2 was decided before matching heard of the delivery
        String reassignment = Envelopes.newId();
        try (EventProbe deadLetters = EventProbe.on(DLQ)) {
            EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), Envelopes.envelope(reassignment,
                    "match.assigned.v1", id.toString(), Map.of("caseId", id.toString(), "caseReference", "SO-x",
                            "patientId", "patient-crossed", "specialistId", SPECIALIST2_ID,
                            "specialistUserId", "specialist2", "assignedAt", Instant.now().toString())));
            await().atMost(Duration.ofSeconds(20)).until(() -> inboxRows(reassignment) == 1);
            assertThat(deadLetters.drain(Duration.ofSeconds(2))).isEmpty();
        }
        CaseApi.get(TestTokens.patient("patient-crossed"), id).statusCode(200)
                .body("status", equalTo("OPINION_DELIVERED"));
        CaseApi.get(TestTokens.specialist("specialist1"), id).statusCode(200)
                .body("assignedSpecialistId", equalTo(SPECIALIST1_ID));
        CaseApi.get(TestTokens.specialist("specialist2"), id).statusCode(404);
    }

    private long distinctReceiptTimes(String oneEventId, String otherEventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(DISTINCT received_at) FROM inbox_message WHERE event_id IN (?1, ?2)")
                .setParameter(1, oneEventId).setParameter(2, otherEventId).getSingleResult()).longValue());
    }

    private long inboxRows(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM inbox_message WHERE event_id = ?1").setParameter(1, eventId)
                .getSingleResult()).longValue());
    }

    private static String assigned(String eventId, UUID caseId) {
        return Envelopes.envelope(eventId, "match.assigned.v1", caseId.toString(), Map.of(
                "caseId", caseId.toString(), "caseReference", "SO-x", "patientId", "p",
                "specialistId", SPECIALIST1_ID, "specialistUserId", "specialist1",
                "assignedAt", Instant.now().toString()));
    }
}
