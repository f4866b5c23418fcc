package org.secondopinion.notification.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.StatementCounter;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.notification.webhook.WebhookClient;
import org.secondopinion.notification.webhook.WebhookReceiver;
import org.secondopinion.platform.events.EventEnvelope;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumed batch asks the database once for what each of its events would otherwise ask on its own: the contact
 * preferences of every recipient, and which of its cases are clinic referrals. Under intake load these were three
 * of a case's five statements in notification_db, and nearly all answered "nothing" (a patient's own case, a patient
 * who saved no preferences). Runs the batch as the consumer does (its look-up, then each event's handler, in one
 * transaction) and checks that the answers are still right when the batch itself makes a case a referral.
 */
@QuarkusTest
class BatchLookUpTest {

    @Inject
    NotificationEventsConsumer consumer;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Test
    void aBatchOfEightCasesAsksForPreferencesAndReferralsOnceAndStillNotifiesEachPatient() {
        List<EventEnvelope> one = submittedCases(1);
        List<EventEnvelope> eight = submittedCases(8);

        int forOne = asTheConsumerDoes(one);
        int forEight = asTheConsumerDoes(eight);

        // per event, one read of the preferences and one of the referral projection (with one feed row each)
        // made 3 statements per case: 24 for eight. Now the batch pays its two reads once and a feed row per case.
        assertThat(forOne).isEqualTo(3);
        assertThat(forEight).isEqualTo(2 + 8);
        for (EventEnvelope event : eight) {
            assertThat(rows("notification", event.id())).isEqualTo(1);
        }
    }

    @Test
    void aCaseReferredInTheSameBatchIsAnnouncedAndAPatientsSavedEmailIsUsed() throws Exception {
        String clinic = "clinic-" + UUID.randomUUID();
        try (WebhookReceiver receiver = WebhookReceiver.alwaysOk()) {
            Object webhook = WebhookClient.register(TestTokens.clinic("client-" + clinic, clinic), receiver.url())
                    .get("id");
            aReferralAndAPatientInOneBatch(clinic, webhook);
        }
    }

    private void aReferralAndAPatientInOneBatch(String clinic, Object webhook) {
        UUID referred = UUID.randomUUID();
        String referredRef = TestEvents.newReference();
        UUID own = UUID.randomUUID();
        String patient = "patient-" + own;
        given().auth().oauth2(TestTokens.patient(patient)).contentType(ContentType.JSON)
                .body(Map.of("email", patient + "@example.org"))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);

        EventEnvelope referral = TestEvents.caseReferred(json, referred, referredRef, UUID.randomUUID(), clinic,
                "ORD-1", "DRAFT");
        EventEnvelope referralSubmitted = TestEvents.caseSubmitted(json, referred, referredRef, null);
        EventEnvelope ownSubmitted = TestEvents.caseSubmitted(json, own, TestEvents.newReference(), patient);
        asTheConsumerDoes(List.of(referral, referralSubmitted, ownSubmitted));

        // the batch's look-up found no referral for the case, but the batch's own case.referred made it one
        assertThat(webhookDeliveries(webhook)).containsExactly("referral.created", "referral.status-changed");
        // the patient's preferences came from the batch's one read: the e-mail is queued besides the feed item
        assertThat(rows("delivery", ownSubmitted.id())).isEqualTo(1);
        assertThat(rows("notification", ownSubmitted.id())).isEqualTo(1);

        // a later batch finds the stored referral and tells the clinic of its next status
        EventEnvelope assigned = TestEvents.matchAssigned(json, referred, referredRef, null, "specialist1");
        asTheConsumerDoes(List.of(assigned, TestEvents.caseSubmitted(json, UUID.randomUUID(),
                TestEvents.newReference(), "patient-" + UUID.randomUUID())));
        assertThat(webhookDeliveries(webhook))
                .containsExactly("referral.created", "referral.status-changed", "referral.status-changed");
    }

    private List<EventEnvelope> submittedCases(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            UUID caseId = UUID.randomUUID();
            return TestEvents.caseSubmitted(json, caseId, TestEvents.newReference(), "patient-" + caseId);
        }).toList();
    }

    /** What the consumer does with a batch inside its inbox transaction; returns the statements it prepared. */
    private int asTheConsumerDoes(List<EventEnvelope> batch) {
        return StatementCounter.count(em, () -> {
            consumer.lookUp(batch);
            batch.forEach(consumer::handle);
            return null;
        }).statements();
    }

    private List<String> webhookDeliveries(Object webhookId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT type FROM webhook_delivery WHERE webhook_id = ?1 ORDER BY created_at, id", String.class)
                .setParameter(1, UUID.fromString(webhookId.toString())).getResultList());
    }

    private long rows(String table, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM " + table + " WHERE event_id = ?1").setParameter(1, eventId)
                .getSingleResult()).longValue());
    }
}
