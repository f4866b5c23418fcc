package org.secondopinion.matching.matches;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseClaimed;
import org.secondopinion.platform.events.catalog.CaseClosed;
import org.secondopinion.platform.events.catalog.CaseSubmitted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clinic-referred case reaches matching before the patient has an account (patientId null) and is claimed by
 * the patient later: it must be matched like any other, and once claimed our events name the patient.
 */
@QuarkusTest
class ClinicReferralTest extends MatchingTestSupport {

    @Test
    void aReferralWithoutPatientIsMatchedAndTheClaimPutsThePatientOnTheAssignment() {
        UUID caseId = UUID.randomUUID();
        send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_SUBMITTED, referral(caseId, "CA"));
        String offer = awaitOffer(caseId, "specialist1");
        assertThat(matchStatus(caseId)).isEqualTo("OFFERED");
        assertThat(patientOfMatch(caseId)).isNull();

        EventEnvelope claimed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLAIMED, new CaseClaimed(caseId,
                reference(caseId), UUID.randomUUID(), "clinic-1", "patient7", "SUBMITTED", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(claimed.id()));
        assertThat(patientOfMatch(caseId)).isEqualTo("patient7");

        accept("specialist1", offer);
        JsonNode assigned = matching.await(EventTypes.MATCH_ASSIGNED, caseId.toString(), WAIT);
        assertThat(assigned.path("data").path("patientId").asText()).isEqualTo("patient7");

        // give specialist1's load back so that other tests keep their capacity
        EventEnvelope closed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLOSED, new CaseClosed(caseId,
                reference(caseId), "patient7", SPECIALIST1, "AUTO", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(closed.id()));
    }

    @Test
    void anUnclaimedReferralThatNobodyCanTakeFailsWithoutAPatient() {
        UUID caseId = UUID.randomUUID();
        send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_SUBMITTED, referral(caseId, nowhereState()));

        JsonNode failed = matching.await(EventTypes.MATCH_FAILED, caseId.toString(), WAIT);
        assertThat(failed.path("data").path("patientId").isNull()).isTrue();
        assertThat(matchStatus(caseId)).isEqualTo("FAILED");
    }

    @Test
    void aClaimBeforeTheCaseReachedMatchingIsAcknowledgedAndChangesNothing() {
        UUID caseId = UUID.randomUUID();
        EventEnvelope claimed = send(Topics.CASE_EVENTS, caseId, EventTypes.CASE_CLAIMED, new CaseClaimed(caseId,
                reference(caseId), UUID.randomUUID(), "clinic-1", "patient7", "DRAFT", Instant.now()));
        await().atMost(WAIT).until(() -> consumed(claimed.id()));
        assertThat(matchStatus(caseId)).isEmpty();
    }

    private static CaseSubmitted referral(UUID caseId, String patientState) {
        return new CaseSubmitted(caseId, reference(caseId), null, "ORTHOPAEDIC_SURGERY", "M51.26", "63030",
                "ROUTINE", LocalDate.now().plusWeeks(6), patientState, "en", List.of("UNDERSTAND_OPTIONS"),
                "1003000126", "Valley Spine Center", Instant.now());
    }

    private static String reference(UUID caseId) {
        return "SO-" + caseId.toString().substring(0, 8);
    }

    private String patientOfMatch(UUID caseId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT patient_id FROM match_request WHERE case_id = ?1").setParameter(1, caseId).getSingleResult());
    }
}
