package org.secondopinion.notification.consults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.ConsultBooked;
import org.secondopinion.platform.events.catalog.ConsultCancelled;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.secondopinion.notification.FeedClient.itemsAbout;
import static org.secondopinion.notification.FeedClient.kindsAbout;

@QuarkusTest
class ConsultRemindersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Test
    void bothParticipantsAreToldOfTheBookingAndRemindedOnceAnHourBefore() {
        UUID caseId = UUID.randomUUID();
        UUID consultId = UUID.randomUUID();
        String ref = TestEvents.newReference();
        String patient = "patient-" + caseId;
        String doc = "doc-" + caseId;
        // an hour and a few seconds ahead: the 24-hour reminder is already too late, the 1-hour one is due at once
        EventEnvelope booked = booked(caseId, consultId, ref, patient, doc, Instant.now().plusSeconds(3603));

        TestEvents.sendCaseEvent(json, booked);
        TestEvents.sendCaseEvent(json, booked); // redelivered
        // published twice (a new envelope, the same consult and invitation sequence)
        TestEvents.sendCaseEvent(json, booked(caseId, consultId, ref, patient, doc, Instant.now().plusSeconds(3603)));

        for (String token : List.of(TestTokens.patient(patient), TestTokens.specialist(doc))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(kindsAbout(token, ref)).contains("CONSULT_REMINDER"));
            assertThat(kindsAbout(token, ref)).filteredOn("CONSULT_BOOKED"::equals).hasSize(2); // two publications
            assertThat(kindsAbout(token, ref)).filteredOn("CONSULT_REMINDER"::equals).hasSize(1);
            Map<String, Object> reminder = itemsAbout(token, ref).stream()
                    .filter(i -> "CONSULT_REMINDER".equals(i.get("kind"))).findFirst().orElseThrow();
            assertThat((String) reminder.get("text")).contains(ref, "1 hour").doesNotContainPattern("\\d\\d:\\d\\d");
        }
        assertThat(statuses(consultId)).containsExactly("SENT");
    }

    @Test
    void aCancelledConsultIsNotReminded() {
        UUID caseId = UUID.randomUUID();
        UUID consultId = UUID.randomUUID();
        String ref = TestEvents.newReference();
        String patient = "patient-" + caseId;
        Instant startsAt = Instant.now().plus(Duration.ofDays(3));
        TestEvents.sendCaseEvent(json, booked(caseId, consultId, ref, patient, "doc-" + caseId, startsAt));
        TestEvents.sendCaseEvent(json, TestEvents.envelope(json, "/second-opinion/case-service",
                EventTypes.CONSULT_CANCELLED, caseId, new ConsultCancelled(consultId, caseId, ref, patient,
                        UUID.randomUUID(), "doc-" + caseId, startsAt, "SPECIALIST", 1, Instant.now())));

        String token = TestTokens.patient(patient);
        await().atMost(WAIT).untilAsserted(() -> assertThat(kindsAbout(token, ref)).contains("CONSULT_CANCELLED"));
        assertThat(statuses(consultId)).containsExactly("VOID", "VOID");
    }

    private EventEnvelope booked(UUID caseId, UUID consultId, String ref, String patient, String doc, Instant startsAt) {
        return TestEvents.envelope(json, "/second-opinion/case-service", EventTypes.CONSULT_BOOKED, caseId,
                new ConsultBooked(consultId, caseId, ref, patient, UUID.randomUUID(), doc, startsAt,
                        startsAt.plusSeconds(1800), 0, Instant.now()));
    }

    @SuppressWarnings("unchecked")
    private List<String> statuses(UUID consultId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT status FROM consult_reminder WHERE consult_id = ?1 ORDER BY kind")
                .setParameter(1, consultId).getResultList());
    }
}
