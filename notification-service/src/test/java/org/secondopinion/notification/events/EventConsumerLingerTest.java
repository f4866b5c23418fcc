package org.secondopinion.notification.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.notification.LingeringProfile;
import org.secondopinion.platform.events.EventEnvelope;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer with a linger ({@code so.events.linger}) keeps polling after events arrive and handles what came
 * meanwhile in the same transaction: one commit for several events ({@link LingeringProfile}: 1 s).
 */
@QuarkusTest
@TestProfile(LingeringProfile.class)
class EventConsumerLingerTest {

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Test
    void eventsArrivingWithinTheLingerAreHandledInOneTransaction() throws InterruptedException {
        EventEnvelope first = submitted();
        EventEnvelope second = submitted();
        TestEvents.sendCaseEvent(json, first);
        Thread.sleep(200); // well within the linger; without it the first event is handled alone
        TestEvents.sendCaseEvent(json, second);

        await().atMost(Duration.ofSeconds(30)).until(() -> receivedAt(first.id(), second.id()).size() == 2);
        // an inbox row's received_at is its transaction's start (now()): one value means one transaction
        assertThat(receivedAt(first.id(), second.id()).stream().distinct()).hasSize(1);
    }

    private EventEnvelope submitted() {
        UUID caseId = UUID.randomUUID();
        return TestEvents.caseSubmitted(json, caseId, TestEvents.newReference(), "patient-" + caseId);
    }

    @SuppressWarnings("unchecked")
    private List<Object> receivedAt(String... eventIds) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT received_at FROM inbox_message WHERE event_id IN (:ids)")
                .setParameter("ids", List.of(eventIds)).getResultList());
    }
}
