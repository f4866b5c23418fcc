package org.secondopinion.cases.outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.secondopinion.cases.outcomes.DeliveredCases.answer;
import static org.secondopinion.cases.outcomes.DeliveredCases.patient;

/** The patient's decision after the opinion (issue 17): who may record it, when, what is derived, what is kept. */
@QuarkusTest
class OutcomeRecordingTest {

    private static final String OUTCOME = "/api/v1/cases/{id}/outcome";

    @Test
    void patientRecordsTheirDecisionAndWhetherItFollowedTheOpinionIsDerived() {
        UUID id = DeliveredCases.delivered("patient-outcome", "RECOMMEND_ALTERNATIVE");
        try (EventProbe events = EventProbe.on(Topics.CASE_EVENTS)) {
            patient("patient-outcome").contentType(ContentType.JSON).body(answer("NON_SURGICAL_TREATMENT"))
                    .put(OUTCOME, id).then().statusCode(200)
                    .body("revision", equalTo(1)).body("decision", equalTo("NON_SURGICAL_TREATMENT"))
                    .body("verdict", equalTo("RECOMMEND_ALTERNATIVE")).body("agreement", equalTo("FOLLOWED"))
                    .body("confidenceBefore", equalTo(2)).body("confidenceAfter", equalTo(4));

            JsonNode event = events.await("case.outcome-recorded.v1", id.toString(), Duration.ofSeconds(20));
            JsonNode data = event.path("data");
            assertThat(data.path("decision").asText()).isEqualTo("NON_SURGICAL_TREATMENT");
            assertThat(data.path("agreement").asText()).isEqualTo("FOLLOWED");
            assertThat(data.path("planChanged").asBoolean()).isTrue();
            // codes and numbers only: no patient id, no free text
            Set<String> fields = new TreeSet<>();
            for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            assertThat(fields).containsExactlyInAnyOrder("caseId", "reference", "decision", "verdict", "agreement",
                    "planChanged", "confidenceBefore", "confidenceAfter", "surgeryPerformed", "revision", "recordedAt");
        }
    }

    @Test
    void goingAheadWithTheOriginalSurgeryAgainstAnAlternativeDoesNotFollowTheOpinion() {
        UUID id = DeliveredCases.delivered("patient-outcome-against", "RECOMMEND_ALTERNATIVE");
        patient("patient-outcome-against").contentType(ContentType.JSON).body(answer("ORIGINAL_SURGERY"))
                .put(OUTCOME, id).then().statusCode(200).body("agreement", equalTo("NOT_FOLLOWED"));
    }

    @Test
    void updatedAnswersReplaceTheCurrentOneAndTheHistoryIsKept() {
        UUID id = DeliveredCases.delivered("patient-outcome-update", "CONCUR");
        patient("patient-outcome-update").contentType(ContentType.JSON).body(answer("NOT_DECIDED"))
                .put(OUTCOME, id).then().statusCode(200).body("agreement", equalTo("UNDECIDED"));
        Map<String, Object> later = new HashMap<>(answer("ORIGINAL_SURGERY"));
        later.put("surgeryPerformed", true);
        later.put("surgeryMonth", "2026-01");
        patient("patient-outcome-update").contentType(ContentType.JSON).body(later)
                .put(OUTCOME, id).then().statusCode(200).body("revision", equalTo(2))
                .body("agreement", equalTo("FOLLOWED")).body("surgeryMonth", equalTo("2026-01"));

        patient("patient-outcome-update").get(OUTCOME, id).then().statusCode(200)
                .body("revisions", hasSize(2))
                .body("revisions[0].decision", equalTo("ORIGINAL_SURGERY"))
                .body("revisions[1].decision", equalTo("NOT_DECIDED"));
        given().auth().oauth2(TestTokens.coordinator("coordinator1")).get(OUTCOME, id).then().statusCode(200)
                .body("revisions[0].revision", equalTo(2));
        patient("patient-outcome-update").get("/api/v1/cases/{id}/access-log", id).then().statusCode(200)
                .body("items.action", hasItems("RECORD_OUTCOME"));
    }

    @Test
    void onlyTheCasesOwnPatientRecordsAnOutcome() {
        UUID id = DeliveredCases.delivered("patient-outcome-owner", "CONCUR");
        patient("patient-outcome-stranger").contentType(ContentType.JSON).body(answer("ORIGINAL_SURGERY"))
                .put(OUTCOME, id).then().statusCode(404);
        patient("patient-outcome-stranger").get(OUTCOME, id).then().statusCode(404);
        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON)
                .body(answer("ORIGINAL_SURGERY")).put(OUTCOME, id).then().statusCode(403);
        given().auth().oauth2(TestTokens.clinic("clinic1", "clinic1")).get(OUTCOME, id).then().statusCode(403);
        given().contentType(ContentType.JSON).body(answer("ORIGINAL_SURGERY")).put(OUTCOME, id).then().statusCode(401);
        // nothing was recorded by anyone else
        patient("patient-outcome-owner").get(OUTCOME, id).then().statusCode(404);
    }

    @Test
    void noOutcomeBeforeTheOpinionIsDeliveredOrAfterTheCaseWasWithdrawn() {
        UUID submitted = CaseApi.submittedSpineCase("patient-outcome-early");
        patient("patient-outcome-early").contentType(ContentType.JSON).body(answer("ORIGINAL_SURGERY"))
                .put(OUTCOME, submitted).then().statusCode(409).body("currentState", equalTo("SUBMITTED"));

        UUID reviewed = DeliveredCases.assigned("patient-outcome-early", CaseApi.submittedSpineCase("patient-outcome-early"));
        patient("patient-outcome-early").contentType(ContentType.JSON).body(answer("ORIGINAL_SURGERY"))
                .put(OUTCOME, reviewed).then().statusCode(409).body("currentState", equalTo("ASSIGNED"));

        UUID withdrawn = CaseApi.submittedSpineCase("patient-outcome-early");
        patient("patient-outcome-early").post("/api/v1/cases/{id}/cancel", withdrawn).then().statusCode(200);
        patient("patient-outcome-early").contentType(ContentType.JSON).body(answer("ORIGINAL_SURGERY"))
                .put(OUTCOME, withdrawn).then().statusCode(409).body("currentState", equalTo("CANCELLED"));
    }

    @Test
    void aClosedCaseStillTakesTheOutcome() {
        UUID id = DeliveredCases.delivered("patient-outcome-closed", "CONCUR_WITH_MODIFICATIONS");
        patient("patient-outcome-closed").post("/api/v1/cases/{id}/close", id).then().statusCode(200);
        patient("patient-outcome-closed").contentType(ContentType.JSON).body(answer("WATCHFUL_WAITING"))
                .put(OUTCOME, id).then().statusCode(200).body("agreement", equalTo("NOT_FOLLOWED"));
    }

    @Test
    void invalidAnswersAreRefusedNamingTheField() {
        UUID id = DeliveredCases.delivered("patient-outcome-invalid", "CONCUR");
        Map<String, Object> body = new HashMap<>(answer("ORIGINAL_SURGERY"));
        body.put("confidenceAfter", 6);
        put(id, body).statusCode(400).body("violations.field", hasItem(containsString("confidenceAfter")));

        body = new HashMap<>(answer("ORIGINAL_SURGERY"));
        body.remove("decision");
        put(id, body).statusCode(400).body("violations.field", hasItem(containsString("decision")));

        body = new HashMap<>(answer("ORIGINAL_SURGERY"));
        body.put("surgeryMonth", "2026-13");
        body.put("surgeryPerformed", true);
        put(id, body).statusCode(400).body("violations.field", hasItem(containsString("surgeryMonth")));

        body = new HashMap<>(answer("ORIGINAL_SURGERY"));
        body.put("surgeryMonth", "2025-05");
        put(id, body).statusCode(400).body("violations.field", hasItem(containsString("surgeryMonth")));

        body = new HashMap<>(answer("ORIGINAL_SURGERY"));
        body.put("surgeryPerformed", true);
        body.put("surgeryMonth", "2999-01");
        put(id, body).statusCode(400).body("violations.field", hasItem(containsString("surgeryMonth")));

        body = new HashMap<>(answer("ORIGINAL_SURGERY"));
        body.put("decision", "SOMETHING_ELSE");
        put(id, body).statusCode(400);

        patient("patient-outcome-invalid").get(OUTCOME, id).then().statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse put(UUID id, Object body) {
        return patient("patient-outcome-invalid").contentType(ContentType.JSON).body(body).put(OUTCOME, id).then();
    }
}
