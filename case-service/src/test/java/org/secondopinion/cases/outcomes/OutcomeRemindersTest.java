package org.secondopinion.cases.outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secondopinion.cases.outcomes.DeliveredCases.answer;
import static org.secondopinion.cases.outcomes.DeliveredCases.patient;

/**
 * Patients who have not said what they decided are asked at +14 and +90 days after the opinion (the test
 * configuration keeps the defaults), at most twice, never once they answered. The sweep is run with the instants a
 * clock would show then.
 */
@QuarkusTest
class OutcomeRemindersTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    OutcomeReminders reminders;
    @Inject
    EntityManager em;

    @Test
    void anUnansweredCaseIsRemindedAtFourteenAndNinetyDaysAndNeverAgain() {
        UUID id = DeliveredCases.delivered("patient-reminded", "CONCUR");
        Instant delivered = deliveredAt(id);
        try (EventProbe events = EventProbe.on(Topics.CASE_EVENTS)) {
            reminders.sendDue(delivered.plus(DAY.multipliedBy(13)));
            assertThat(remindersOf(id)).isEmpty();

            reminders.sendDue(delivered.plus(DAY.multipliedBy(14)));
            assertThat(remindersOf(id)).containsExactly(1);
            JsonNode first = events.await(e -> "case.outcome-requested.v1".equals(e.path("type").asText())
                    && id.toString().equals(e.path("subject").asText()), Duration.ofSeconds(20));
            assertThat(first.path("data").path("reminder").asInt()).isEqualTo(1);
            assertThat(first.path("data").path("patientId").asText()).isEqualTo("patient-reminded");

            // later sweeps, a restarted service and another replica run the same query: the first reminder stays one
            reminders.sendDue(delivered.plus(DAY.multipliedBy(15)));
            reminders.sendDue(delivered.plus(DAY.multipliedBy(89)));
            assertThat(remindersOf(id)).containsExactly(1);

            reminders.sendDue(delivered.plus(DAY.multipliedBy(90)));
            assertThat(remindersOf(id)).containsExactly(1, 2);
            events.await(e -> "case.outcome-requested.v1".equals(e.path("type").asText())
                    && id.toString().equals(e.path("subject").asText())
                    && e.path("data").path("reminder").asInt() == 2, Duration.ofSeconds(20));

            reminders.sendDue(delivered.plus(DAY.multipliedBy(91)));
            reminders.sendDue(delivered.plus(DAY.multipliedBy(400)));
            assertThat(remindersOf(id)).containsExactly(1, 2);
        }
    }

    /**
     * Two replicas sweeping at the same moment: each runs the same query in its own transaction; the reminder's
     * primary key lets one of them insert it and the other do nothing, so the patient is asked once and one event
     * goes out (the outbox row is written in the transaction that inserted the reminder, or not at all).
     */
    @Test
    void twoReplicasSweepingAtOnceRemindOnce() throws Exception {
        UUID id = DeliveredCases.delivered("patient-two-replicas", "CONCUR");
        Instant due = deliveredAt(id).plus(DAY.multipliedBy(14));
        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<Integer>> sweeps = new java.util.ArrayList<>();
                for (int replica = 0; replica < 2; replica++) {
                    sweeps.add(replicas.submit(() -> {
                        together.await();
                        return reminders.sendDue(due);
                    }));
                }
                for (java.util.concurrent.Future<Integer> sweep : sweeps) {
                    sweep.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
        } finally {
            replicas.shutdownNow();
        }

        assertThat(remindersOf(id)).containsExactly(1);
        long events = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM outbox_event WHERE event_type = 'case.outcome-requested.v1' "
                                + "AND payload LIKE ?1").setParameter(1, "%" + id + "%").getSingleResult()).longValue());
        assertThat(events).isEqualTo(1);
    }

    @Test
    void anAnsweredCaseIsNotReminded() {
        UUID id = DeliveredCases.delivered("patient-answered", "CONCUR");
        Instant delivered = deliveredAt(id);
        patient("patient-answered").contentType(ContentType.JSON).body(answer("NOT_DECIDED"))
                .put("/api/v1/cases/{id}/outcome", id).then().statusCode(200);
        reminders.sendDue(delivered.plus(DAY.multipliedBy(14)));
        reminders.sendDue(delivered.plus(DAY.multipliedBy(90)));
        assertThat(remindersOf(id)).isEmpty();
    }

    @Test
    void anAnswerAfterTheFirstReminderStopsTheSecond() {
        UUID id = DeliveredCases.delivered("patient-answered-late", "RECOMMEND_ALTERNATIVE");
        Instant delivered = deliveredAt(id);
        reminders.sendDue(delivered.plus(DAY.multipliedBy(20)));
        assertThat(remindersOf(id)).containsExactly(1);
        patient("patient-answered-late").contentType(ContentType.JSON).body(answer("WATCHFUL_WAITING"))
                .put("/api/v1/cases/{id}/outcome", id).then().statusCode(200);
        reminders.sendDue(delivered.plus(DAY.multipliedBy(95)));
        assertThat(remindersOf(id)).containsExactly(1);
    }

    @Test
    void aServiceThatWasDownSendsOnlyTheLatestDueReminder() {
        UUID id = DeliveredCases.delivered("patient-late-sweep", "CONCUR");
        Instant delivered = deliveredAt(id);
        reminders.sendDue(delivered.plus(DAY.multipliedBy(100)));
        assertThat(remindersOf(id)).containsExactly(2);
        reminders.sendDue(delivered.plus(DAY.multipliedBy(101)));
        assertThat(remindersOf(id)).containsExactly(2);
    }

    @Test
    void aWithdrawnCaseIsNeverReminded() {
        UUID id = org.secondopinion.cases.CaseApi.submittedSpineCase("patient-withdrawn");
        patient("patient-withdrawn").post("/api/v1/cases/{id}/cancel", id).then().statusCode(200);
        reminders.sendDue(Instant.now().plus(DAY.multipliedBy(14)));
        reminders.sendDue(Instant.now().plus(DAY.multipliedBy(90)));
        assertThat(remindersOf(id)).isEmpty();
    }

    private Instant deliveredAt(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((java.time.OffsetDateTime) em.createNativeQuery(
                "SELECT opinion_delivered_at FROM patient_case WHERE id = ?1", java.time.OffsetDateTime.class)
                .setParameter(1, id).getSingleResult()).toInstant());
    }

    private List<Integer> remindersOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT reminder FROM outcome_reminder WHERE case_id = ?1 ORDER BY reminder", Integer.class)
                .setParameter(1, id).getResultList().stream().map(n -> ((Number) n).intValue()).toList());
    }
}
