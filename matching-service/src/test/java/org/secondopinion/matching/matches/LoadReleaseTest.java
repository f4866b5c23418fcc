package org.secondopinion.matching.matches;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseCancelled;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseOpinionDelivered;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class LoadReleaseTest extends MatchingTestSupport {

    @Test
    void deliveredOpinionReleasesTheLoadOnceThoughRedeliveredAndFollowedByClosing() {
        int before = load(SPECIALIST1);
        UUID caseId = submitDemoCase();
        accept("specialist1", awaitOffer(caseId, "specialist1"));
        assertThat(load(SPECIALIST1)).isEqualTo(before + 1);

        EventEnvelope delivered = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_OPINION_DELIVERED,
                new CaseOpinionDelivered(caseId, "SO-x", "patient1", SPECIALIST1, "specialist1", Instant.now()));
        sendAgain(Topics.CASE_EVENTS, delivered);
        EventEnvelope closed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLOSED,
                new CaseClosed(caseId, "SO-x", "patient1", SPECIALIST1, "patient1", Instant.now()));
        sendAgain(Topics.CASE_EVENTS, closed);
        // one partition per case key: once the closing is consumed, everything sent before it was too
        await().atMost(WAIT).until(() -> consumed(closed.id()));

        assertThat(load(SPECIALIST1)).isEqualTo(before);
        given().auth().oauth2(TestTokens.coordinator("coordinator1")).get("/api/v1/matches/{caseId}", caseId)
                .then().statusCode(200).body("loadReleasedAt", notNullValue());
    }

    @Test
    void closingAloneReleasesTheLoad() {
        int before = load(SPECIALIST1);
        UUID caseId = submitDemoCase();
        accept("specialist1", awaitOffer(caseId, "specialist1"));
        EventEnvelope closed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLOSED,
                new CaseClosed(caseId, "SO-x", "patient1", SPECIALIST1, "AUTO", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(closed.id()));
        assertThat(load(SPECIALIST1)).isEqualTo(before);
    }

    @Test
    void cancellingAnAssignedCaseReleasesTheLoadAndAClosingAfterwardsChangesNothing() {
        int before = load(SPECIALIST1);
        UUID caseId = submitDemoCase();
        accept("specialist1", awaitOffer(caseId, "specialist1"));
        EventEnvelope cancelled = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CANCELLED,
                new CaseCancelled(caseId, "SO-x", "patient1", "ASSIGNED", Instant.now()));
        sendAgain(Topics.CASE_EVENTS, cancelled);
        EventEnvelope closed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLOSED,
                new CaseClosed(caseId, "SO-x", "patient1", SPECIALIST1, "AUTO", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(closed.id()));
        assertThat(load(SPECIALIST1)).isEqualTo(before);
        assertThat(matchStatus(caseId)).isEqualTo("CANCELLED");
    }

    @Test
    void aDeliveredOpinionForAnUnassignedCaseReleasesNobody() {
        int before1 = load(SPECIALIST1);
        int before2 = load(SPECIALIST2);
        UUID caseId = submitDemoCase();
        awaitOffer(caseId, "specialist1");
        EventEnvelope delivered = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_OPINION_DELIVERED,
                new CaseOpinionDelivered(caseId, "SO-x", "patient1", SPECIALIST1, "specialist1", Instant.now()));
        EventEnvelope unknown = send(Topics.CASE_EVENTS, UUID.randomUUID(), EventTypes.CASE_CLOSED,
                new CaseClosed(UUID.randomUUID(), "SO-y", "patient2", SPECIALIST2, "AUTO", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(delivered.id()) && consumed(unknown.id()));
        assertThat(load(SPECIALIST1)).isEqualTo(before1);
        assertThat(load(SPECIALIST2)).isEqualTo(before2);
    }
}
