package org.secondopinion.cases.insights;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.outcomes.DeliveredCases;
import org.secondopinion.infra.testing.TestTokens;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Outcome figures (issue 17) from the read model: who may see them, that a clinic sees its own referrals only, and
 * that no count under 11 (or one that gives such a count away) leaves the service. Figures are seeded straight into
 * the read model under a procedure code of their own, so each test counts only its cases.
 */
@QuarkusTest
class OutcomeInsightsTest {

    private static final String INSIGHTS = "/api/v1/insights/outcomes";

    @Inject
    EntityManager em;

    @Test
    void coordinatorsSeeCountsAndSharesWithSmallCellsAndTheirComplementsSuppressed() {
        String procedure = newProcedure();
        // 40 routine cases: 20 followed an alternative (non-surgical), 12 went ahead with the original surgery,
        // 3 chose a different surgery, 5 have not answered
        seed(20, procedure, null, "ROUTINE", 48, "RECOMMEND_ALTERNATIVE", "NON_SURGICAL_TREATMENT", "FOLLOWED", true, 2, 4);
        seed(12, procedure, null, "ROUTINE", 48, "CONCUR", "ORIGINAL_SURGERY", "FOLLOWED", false, 3, 5);
        seed(3, procedure, null, "ROUTINE", 48, "RECOMMEND_ALTERNATIVE", "DIFFERENT_SURGERY", "FOLLOWED", true, 2, 4);
        seed(5, procedure, null, "ROUTINE", 48, "CONCUR", null, null, null, null, null);

        JsonPath body = given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .get(INSIGHTS + "?procedure=" + procedure).then().statusCode(200)
                .body("minimumCellSize", equalTo(11)).body("cases.count", equalTo(40)).extract().jsonPath();

        assertThat(body.getInt("decisions.NON_SURGICAL_TREATMENT.count")).isEqualTo(20);
        assertThat(body.getDouble("decisions.NON_SURGICAL_TREATMENT.share")).isEqualTo(0.5);
        // 3, 5 and the empty categories are small; together (8) they would be given away by 40 - 20 - 12, so the
        // 12 original surgeries are suppressed as well
        for (String hidden : new String[]{"DIFFERENT_SURGERY", "NO_ANSWER", "ORIGINAL_SURGERY", "WATCHFUL_WAITING",
                "NOT_DECIDED"}) {
            assertThat(body.getBoolean("decisions." + hidden + ".suppressed")).as(hidden).isTrue();
            assertThat(body.getString("decisions." + hidden + ".count")).as(hidden).isNull();
        }
        // "no answer" (5) is one quantity in every row: hidden everywhere, with a complement in each row
        assertThat(body.getInt("planChanged.YES.count")).isEqualTo(23);
        assertThat(body.getBoolean("planChanged.NO.suppressed")).isTrue();
        assertThat(body.getBoolean("planChanged.NO_ANSWER.suppressed")).isTrue();
        assertThat(body.getInt("confidenceAfter.4.count")).isEqualTo(23);
        assertThat(body.getBoolean("confidenceAfter.5.suppressed")).isTrue();
        assertThat(body.getInt("verdicts.RECOMMEND_ALTERNATIVE.count")).isEqualTo(23);
        assertThat(body.getBoolean("verdicts.CONCUR.suppressed")).isTrue();

        // nothing shown anywhere is a number under 11, and no row lets a hidden cell be computed by difference
        assertNoSmallNumbersAndNoDifferences(body);
        // all 40 are routine: showing 40 routine would show 0 urgent, so neither is shown, nor their percentiles
        assertThat(body.getBoolean("turnaround[0].cases.suppressed")).isTrue();
        assertThat(body.getString("turnaround[0].p50Hours")).isNull();
    }

    @Test
    void timeToOpinionIsShownPerUrgencyAgainstThePromise() {
        String procedure = newProcedure();
        seed(15, procedure, null, "ROUTINE", 48, "CONCUR", "ORIGINAL_SURGERY", "FOLLOWED", false, 3, 5);
        seed(12, procedure, null, "URGENT", 20, "CONCUR", "ORIGINAL_SURGERY", "FOLLOWED", false, 3, 5);

        JsonPath body = given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .get(INSIGHTS + "?procedure=" + procedure).then().statusCode(200).extract().jsonPath();
        assertThat(body.getString("turnaround[0].urgency")).isEqualTo("ROUTINE");
        assertThat(body.getInt("turnaround[0].cases.count")).isEqualTo(15);
        assertThat(body.getDouble("turnaround[0].p50Hours")).isEqualTo(48.0);
        assertThat(body.getDouble("turnaround[0].p90Hours")).isEqualTo(48.0);
        assertThat(body.getDouble("turnaround[0].promiseHours")).isEqualTo(168.0);
        assertThat(body.getInt("turnaround[1].cases.count")).isEqualTo(12);
        assertThat(body.getDouble("turnaround[1].p50Hours")).isEqualTo(20.0);
        assertThat(body.getDouble("turnaround[1].promiseHours")).isEqualTo(72.0);

        given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .get(INSIGHTS + "?procedure=" + procedure + "&urgency=URGENT").then().statusCode(200)
                .body("cases.count", equalTo(12));
    }

    @Test
    void aFewCasesShowNoNumbersAtAll() {
        String procedure = newProcedure();
        seed(4, procedure, null, "ROUTINE", 48, "CONCUR", "ORIGINAL_SURGERY", "FOLLOWED", false, 3, 5);
        given().auth().oauth2(TestTokens.admin("admin1")).get(INSIGHTS + "?procedure=" + procedure).then()
                .statusCode(200).body("cases.suppressed", equalTo(true)).body("cases.count", nullValue())
                .body("decisions.ORIGINAL_SURGERY.suppressed", equalTo(true))
                .body("turnaround[0].p50Hours", nullValue());
    }

    @Test
    void aClinicSeesItsOwnReferralsOnly() {
        String procedure = newProcedure();
        seed(14, procedure, "clinic-insights-a", "ROUTINE", 48, "CONCUR", "ORIGINAL_SURGERY", "FOLLOWED", false, 3, 5);
        seed(30, procedure, "clinic-insights-b", "ROUTINE", 48, "CONCUR", "ORIGINAL_SURGERY", "FOLLOWED", false, 3, 5);

        given().auth().oauth2(TestTokens.clinic("clinic-insights-a", "clinic-insights-a"))
                .get(INSIGHTS + "?procedure=" + procedure).then().statusCode(200)
                .body("cases.count", equalTo(14)).body("filter.clinicId", equalTo("clinic-insights-a"));
        given().auth().oauth2(TestTokens.clinic("clinic-insights-c", "clinic-insights-c"))
                .get(INSIGHTS + "?procedure=" + procedure).then().statusCode(200)
                .body("cases.suppressed", equalTo(true));
        given().auth().oauth2(TestTokens.coordinator("coordinator1"))
                .get(INSIGHTS + "?procedure=" + procedure + "&origin=CLINIC_REFERRAL").then().statusCode(200)
                .body("cases.count", equalTo(44));
    }

    @Test
    void patientsAndSpecialistsSeeNoInsights() {
        given().auth().oauth2(TestTokens.patient("patient1")).get(INSIGHTS).then().statusCode(403);
        given().auth().oauth2(TestTokens.specialist("specialist1")).get(INSIGHTS).then().statusCode(403);
        given().get(INSIGHTS).then().statusCode(401);
        given().auth().oauth2(TestTokens.coordinator("coordinator1")).get(INSIGHTS + "?urgency=SOMETIMES")
                .then().statusCode(400);
    }

    @Test
    void deliveringAnOpinionAndRecordingTheDecisionUpdateTheReadModelInTheSameTransaction() {
        String procedure = newProcedure();
        Map<String, Object> body = new HashMap<>(CaseApi.SPINE_CASE);
        body.put("procedure", Map.of("code", procedure, "text", "A procedure"));
        UUID id = UUID.fromString(CaseApi.create("patient-insights", body).statusCode(201).extract().path("id"));
        CaseApi.submit("patient-insights", id).statusCode(200);
        DeliveredCases.assigned("patient-insights", id);
        DeliveredCases.deliver(id, "RECOMMEND_ALTERNATIVE");
        assertThat(readModel(id, "verdict")).isEqualTo("RECOMMEND_ALTERNATIVE");
        assertThat(readModel(id, "decision")).isNull();

        given().auth().oauth2(TestTokens.patient("patient-insights")).contentType(ContentType.JSON)
                .body(Map.of("decision", "WATCHFUL_WAITING", "planChanged", true, "confidenceBefore", 1,
                        "confidenceAfter", 3)).put("/api/v1/cases/{id}/outcome", id).then().statusCode(200);
        assertThat(readModel(id, "decision")).isEqualTo("WATCHFUL_WAITING");
        assertThat(readModel(id, "agreement")).isEqualTo("FOLLOWED");
        assertThat(readModel(id, "origin")).isEqualTo("PATIENT");

        // one case: the figures show it only as suppressed
        given().auth().oauth2(TestTokens.coordinator("coordinator1")).get(INSIGHTS + "?procedure=" + procedure)
                .then().statusCode(200).body("cases.suppressed", equalTo(true));
    }

    static void assertNoSmallNumbersAndNoDifferences(JsonPath body) {
        for (String row : new String[]{"verdicts", "decisions", "followedOpinion", "planChanged", "confidenceBefore",
                "confidenceAfter"}) {
            Map<String, Map<String, Object>> cells = body.getMap(row);
            long shownSum = 0;
            int hidden = 0;
            for (Map<String, Object> cell : cells.values()) {
                if (Boolean.TRUE.equals(cell.get("suppressed"))) {
                    hidden++;
                    assertThat(cell.get("count")).isNull();
                    assertThat(cell.get("share")).isNull();
                } else {
                    long n = ((Number) cell.get("count")).longValue();
                    assertThat(n).as(row).isGreaterThanOrEqualTo(11);
                    shownSum += n;
                }
            }
            assertThat(hidden).as(row + ": hidden cells").isNotEqualTo(1);
            if (hidden > 0) {
                assertThat(body.getLong("cases.count") - shownSum).as(row + ": hidden cells together")
                        .isGreaterThanOrEqualTo(11);
            }
        }
    }

    private String readModel(UUID id, String column) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT " + column + " FROM outcome_insight WHERE case_id = ?1").setParameter(1, id).getSingleResult());
    }

    private static String newProcedure() {
        // a Category III code (four digits and T) of its own, so each test counts only its cases
        return String.format("%04dT", ThreadLocalRandom.current().nextInt(10000));
    }

    private void seed(int n, String procedure, String clinicId, String urgency, int hours, String verdict,
                      String decision, String agreement, Boolean planChanged, Integer before, Integer after) {
        InsightSeeds.seed(em, n, procedure, clinicId, urgency, hours, null, verdict, decision, agreement, planChanged,
                before, after);
    }
}
