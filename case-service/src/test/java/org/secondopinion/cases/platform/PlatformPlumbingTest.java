package org.secondopinion.cases.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.StatisticsTargets;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.retention.PlatformRetention;
import org.secondopinion.platform.retention.Retention;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The shared plumbing every service runs on (platform-common), exercised in a real service: the event consumer,
 * retention, verified bearer tokens and small-body prefetching.
 */
@QuarkusTest
class PlatformPlumbingTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Retention retention;

    @Inject
    DataSource db;

    @Test
    void eventsOfTypesNobodyHandlesAreSkippedWithoutAnInboxRowWhileHandledOnesAreRemembered() throws Exception {
        UUID caseId = UUID.randomUUID();
        EventEnvelope declined = EventEnvelope.create("/test", EventTypes.MATCH_OFFER_DECLINED, caseId.toString(),
                Instant.now(), json.valueToTree(Map.of("offerId", UUID.randomUUID().toString(), "caseId", caseId.toString())));
        // handled (match.failed), for a case this service does not know: ignored by the handler, but remembered
        EventEnvelope failed = EventEnvelope.create("/test", EventTypes.MATCH_FAILED, caseId.toString(), Instant.now(),
                json.valueToTree(Map.of("caseId", caseId.toString(), "reason", "nobody")));
        EventProbe.send(Topics.MATCHING_EVENTS, caseId.toString(), json.writeValueAsString(declined));
        EventProbe.send(Topics.MATCHING_EVENTS, caseId.toString(), json.writeValueAsString(failed));

        await().atMost(Duration.ofSeconds(20)).until(() -> inboxRows(failed.id()) == 1);
        // same partition, earlier offset: the declined event was consumed before the failed one
        assertThat(inboxRows(declined.id())).isZero();
    }

    @Test
    void readinessSaysTheEventConsumerHasJoinedItsGroup() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body(containsString("event consumer"))
                        .body(containsString("JOINED")));
    }

    @Test
    void retentionDeletesSentOutboxRowsPastTheirAgeAndKeepsEverythingElse() {
        Instant now = Instant.now();
        UUID old = outboxRow(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
        UUID recent = outboxRow(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        UUID unsent = outboxRow(now.minus(Duration.ofDays(30)), null);
        try {
            retention.apply(new PlatformRetention.SentOutboxEvents());

            assertThat(outboxRowExists(old)).as("sent 8 days ago (age 7 days)").isFalse();
            assertThat(outboxRowExists(recent)).as("sent yesterday").isTrue();
            assertThat(outboxRowExists(unsent)).as("never sent: the relay still needs it").isTrue();
        } finally {
            // the unsent row is fake: the relay must not try to publish it for other tests
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "DELETE FROM outbox_event WHERE event_id IN (?1, ?2)").setParameter(1, recent)
                    .setParameter(2, unsent).executeUpdate());
        }
    }

    @Test
    void retentionDeletesInboxRowsPastTheirAgeInBatches() {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 2500; i++) {
                em.createNativeQuery("INSERT INTO inbox_message (consumer, event_id, event_type, received_at) "
                                + "VALUES ('retention-test', ?1, 'test.v1', ?2)")
                        .setParameter(1, "old-" + i).setParameter(2, now.minus(Duration.ofDays(31))).executeUpdate();
            }
            em.createNativeQuery("INSERT INTO inbox_message (consumer, event_id, event_type, received_at) "
                    + "VALUES ('retention-test', 'recent', 'test.v1', ?1)").setParameter(1, now).executeUpdate();
        });

        long deleted = retention.apply(new PlatformRetention.InboxMessages());

        assertThat(deleted).isGreaterThanOrEqualTo(2500); // three batches of at most 1000
        assertThat(count("SELECT count(*) FROM inbox_message WHERE consumer = ?1", "retention-test")).isEqualTo(1);
    }

    @Test
    void tablesThatGrowWithEveryEventAreAnalyzedFromASmallSampleAndPatientsWordsAreNotSampled() {
        // ANALYZE samples 300 rows per point of the largest target: 3,000 rows, not the default's 30,000
        for (String table : new String[]{"outbox_event", "inbox_message", "access_log"}) {
            assertThat(StatisticsTargets.largest(db, table)).as(table).isLessThanOrEqualTo(10);
        }
        CaseApi.createSpineCase("patient-statistics");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE patient_case").executeUpdate());
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT attname FROM pg_stats WHERE tablename = 'patient_case' AND attname IN ('diagnosis_text', "
                        + "'procedure_text', 'goals_text', 'questions', 'history', 'prior_treatments', 'surgeon_name')")
                .getResultList())).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT attname FROM pg_stats WHERE tablename = 'patient_case' AND attname = 'status'")
                .getResultList())).as("the keys keep their statistics").hasSize(1);
    }

    @Test
    void aRepeatedTokenIsAcceptedEachTimeWhileAnAlteredOrMissingOneIsStill401() {
        String token = TestTokens.patient("patient-tokens");
        UUID id = CaseApi.createSpineCase("patient-tokens");
        for (int i = 0; i < 3; i++) {
            CaseApi.get(token, id).statusCode(200).body("id", equalTo(id.toString()));
        }
        // same header and signature, another subject in the payload: the signature no longer matches
        String[] parts = token.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("patient-tokens", "patient-other")
                        .getBytes());
        CaseApi.get(parts[0] + "." + otherPayload + "." + parts[2], id).statusCode(401);
        given().get("/api/v1/cases/{id}", id).then().statusCode(401);
        // another patient's valid token, right after: their own identity, not the cached one
        CaseApi.get(TestTokens.patient("patient-other"), id).statusCode(404);
    }

    @Test
    void aJsonBodyReadBeforeTheEndpointStillReachesItWhole() {
        // the create request's body is prefetched on the I/O thread; every field must arrive
        String created = CaseApi.create("patient-prefetch", CaseApi.SPINE_CASE).statusCode(201)
                .extract().asString();
        assertThat(created).contains("Lumbar microdiscectomy", "Bay Spine Center", "KEEP_MOBILITY");
    }

    private long inboxRows(String eventId) {
        return count("SELECT count(*) FROM inbox_message WHERE event_id = ?1", eventId);
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    private UUID outboxRow(Instant created, Instant sent) {
        UUID eventId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO outbox_event (event_id, topic, "
                        + "event_key, event_type, payload, created_at, sent_at, attempts) "
                        + "VALUES (?1, 'retention-test', 'k', 'test.v1', '{}', ?2, ?3, 0)")
                .setParameter(1, eventId).setParameter(2, created).setParameter(3, sent).executeUpdate());
        return eventId;
    }

    private boolean outboxRowExists(UUID eventId) {
        return count("SELECT count(*) FROM outbox_event WHERE event_id = ?1", eventId) == 1;
    }
}
