package org.secondopinion.notification.delivery;

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
import org.secondopinion.platform.events.EventEnvelope;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What routing one event costs the database: the people behind a recipient are read once for all channels (e-mail,
 * SMS, push), not once per channel. A person who saved nothing made each channel ask again (a session caches no
 * "not found"), and so did every role address's query: six reads per case under intake load where two do.
 */
@QuarkusTest
class DispatchStatementsTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    NotificationDispatcher dispatcher;

    @Test
    void aRecipientWhoSavedNothingIsLookedUpOnceAndGetsTheFeedItem() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        EventEnvelope submitted = TestEvents.caseSubmitted(json, caseId, TestEvents.newReference(), patient);

        int statements = StatementCounter.count(em, () -> {
            dispatcher.dispatch(submitted);
            return null;
        }).statements();

        // the preferences' read and the feed row's insert
        assertThat(statements).isEqualTo(2);
        assertThat(rows("notification", submitted.id())).isEqualTo(1);
        assertThat(rows("delivery", submitted.id())).isZero();
    }

    @Test
    void everyCoordinatorIsReachedWithOneQueryForTheRole() {
        String coordinator = "coordinator-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.coordinator(coordinator)).contentType(ContentType.JSON)
                .body(Map.of("email", coordinator + "@example.org"))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        UUID caseId = UUID.randomUUID();
        EventEnvelope failed = TestEvents.matchFailed(json, caseId, TestEvents.newReference(), "patient-" + caseId);

        int statements = StatementCounter.count(em, () -> {
            dispatcher.dispatch(failed);
            return null;
        }).statements();

        // two intents (the patient, the coordinators' role): one read and one feed row each, then one e-mail per
        // coordinator who saved an address (other tests of this module may have saved more coordinators)
        long emails = rows("delivery", failed.id());
        assertThat(emails).isGreaterThanOrEqualTo(1);
        assertThat(statements).isEqualTo(4 + emails);
        assertThat(rows("notification", failed.id())).isEqualTo(2);
    }

    private long rows(String table, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM " + table + " WHERE event_id = ?1").setParameter(1, eventId)
                .getSingleResult()).longValue());
    }
}
