package org.secondopinion.notification.consults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.MovableClock;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.ConsultBooked;
import org.secondopinion.notification.OperatorSettingsProfile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.secondopinion.notification.FeedClient.itemsAbout;
import static org.secondopinion.notification.FeedClient.kindsAbout;

/** An operator sets other lead times (3 days and 30 minutes): those reminders go out, each once, saying so. */
@QuarkusTest
@TestProfile(OperatorSettingsProfile.class)
class ConfiguredLeadTimesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @AfterEach
    void backToNow() {
        MovableClock.reset();
    }

    @Test
    void theConfiguredLeadTimesAreRemindedOnceEachInWords() {
        UUID caseId = UUID.randomUUID();
        UUID consultId = UUID.randomUUID();
        String ref = TestEvents.newReference();
        String patient = "patient-" + caseId;
        String doc = "doc-" + caseId;
        Instant startsAt = clock.instant().plus(Duration.ofDays(4));
        TestEvents.sendCaseEvent(json, TestEvents.envelope(json, "/second-opinion/case-service",
                EventTypes.CONSULT_BOOKED, caseId, new ConsultBooked(consultId, caseId, ref, patient,
                        UUID.randomUUID(), doc, startsAt, startsAt.plusSeconds(1800), 0, clock.instant())));
        String patientToken = TestTokens.patient(patient);
        await().atMost(WAIT).untilAsserted(() -> assertThat(kindsAbout(patientToken, ref)).contains("CONSULT_BOOKED"));
        assertThat(statuses(consultId)).containsExactlyInAnyOrderEntriesOf(
                Map.of("PT72H", "PENDING", "PT30M", "PENDING"));

        MovableClock.setTo(startsAt.minus(Duration.ofDays(3)).plusSeconds(60));
        for (String token : List.of(patientToken, TestTokens.specialist(doc))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(reminders(token, ref)).containsExactly(
                    "Reminder: the video consult on case " + ref + " starts in about 3 days — sign in to join from "
                            + "15 minutes before."));
        }
        assertThat(statuses(consultId)).containsEntry("PT72H", "SENT").containsEntry("PT30M", "PENDING");

        MovableClock.setTo(startsAt.minus(Duration.ofMinutes(29)));
        for (String token : List.of(patientToken, TestTokens.specialist(doc))) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(reminders(token, ref)).hasSize(2)
                    .anySatisfy(text -> assertThat((String) text).contains("starts in about 30 minutes")));
        }
        assertThat(statuses(consultId)).containsExactlyInAnyOrderEntriesOf(Map.of("PT72H", "SENT", "PT30M", "SENT"));
    }

    private static List<Object> reminders(String token, String ref) {
        return itemsAbout(token, ref).stream().filter(i -> "CONSULT_REMINDER".equals(i.get("kind")))
                .map(i -> i.get("text")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> statuses(UUID consultId) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT kind, status FROM consult_reminder WHERE consult_id = ?1")
                .setParameter(1, consultId).getResultList());
        return rows.stream().collect(Collectors.toMap(r -> (String) r[0], r -> (String) r[1]));
    }
}
