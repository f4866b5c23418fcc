package org.secondopinion.cases.insights;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.outcomes.DeliveredCases;
import org.secondopinion.infra.testing.TestTokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** The admin's research export (issue 17): de-identified field by field, and itself audited. */
@QuarkusTest
class OutcomeExportTest {

    private static final String EXPORT = "/api/v1/insights/outcomes/export";

    @Inject
    EntityManager em;

    @Test
    void exportedRowsCarryNoIdentifiersNoExactDatesAndGroupAgesOverEightyNine() {
        String procedure = String.format("%04dT", ThreadLocalRandom.current().nextInt(10000));
        // a real case through the API: names, surgeon, questions and free text exist in the case, not in the export
        Map<String, Object> body = new HashMap<>(CaseApi.SPINE_CASE);
        body.put("procedure", Map.of("code", procedure, "text", "Secret procedure text"));
        UUID real = UUID.fromString(CaseApi.create("patient-export", body).statusCode(201).extract().path("id"));
        CaseApi.submit("patient-export", real).statusCode(200);
        DeliveredCases.assigned("patient-export", real);
        DeliveredCases.deliver(real, "CONCUR");
        Map<String, Object> answer = new HashMap<>(DeliveredCases.answer("ORIGINAL_SURGERY"));
        answer.put("surgeryPerformed", true);
        answer.put("surgeryMonth", "2026-02");
        DeliveredCases.patient("patient-export").contentType(ContentType.JSON).body(answer)
                .put("/api/v1/cases/{id}/outcome", real).then().statusCode(200);
        String reference = CaseApi.get(TestTokens.patient("patient-export"), real).extract().path("reference");
        List<UUID> seeded = new ArrayList<>(InsightSeeds.seed(em, 1, procedure, "clinic-export", "URGENT", 30, 93,
                "RECOMMEND_ALTERNATIVE", "WATCHFUL_WAITING", "FOLLOWED", true, 1, 4));
        seeded.addAll(InsightSeeds.seed(em, 1, procedure, null, "ROUTINE", 100, 89, "CONCUR", null, null, null, null,
                null));

        ExtractableResponse<Response> response = given().auth().oauth2(TestTokens.admin("admin1"))
                .get(EXPORT + "?procedure=" + procedure).then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("text/csv");
        String exportId = response.header("X-Export-Id");
        String csv = response.asString();
        List<Map<String, String>> rows = parse(csv);

        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", DeidentifiedCsv.COLUMNS));
        assertThat(rows).hasSize(3);
        List<String> caseIds = new ArrayList<>(seeded.stream().map(UUID::toString).toList());
        caseIds.add(real.toString());
        for (Map<String, String> row : rows) {
            assertThat(row.keySet()).containsExactlyElementsOf(DeidentifiedCsv.COLUMNS);
            assertThat(UUID.fromString(row.get("row_id")).toString()).isNotIn(caseIds).isNotEqualTo(exportId);
            assertThat(row.get("opinion_month")).matches("\\d{4}-\\d{2}");
            assertThat(row.get("surgery_month")).matches("(\\d{4}-\\d{2})?");
            assertThat(row.get("age")).matches("(\\d{1,2}|90\\+)?");
            assertThat(row.get("days_to_opinion")).matches("\\d+");
            assertThat(row.get("procedure_code")).isEqualTo(procedure);
            assertThat(row.get("patient_state")).matches("[A-Z]{2}");
            for (String column : List.of("specialty", "urgency", "origin", "verdict", "decision", "followed_opinion")) {
                assertThat(row.get(column)).as(column).matches("[A-Z_]*");
            }
            for (String column : List.of("plan_changed", "surgery_performed")) {
                assertThat(row.get(column)).as(column).matches("(true|false)?");
            }
            for (String column : List.of("confidence_before", "confidence_after")) {
                assertThat(row.get(column)).as(column).matches("[1-5]?");
            }
        }
        // ages: 93 is one of "90+", 89 stays 89; the real case has no known age
        assertThat(rows).extracting(r -> r.get("age")).containsExactlyInAnyOrder("90+", "89", "");
        assertThat(rows).filteredOn(r -> r.get("decision").equals("ORIGINAL_SURGERY"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("surgery_month")).isEqualTo("2026-02");
                    assertThat(r.get("followed_opinion")).isEqualTo("FOLLOWED");
                });
        // nothing that identifies a person or a case, and no exact date, anywhere in the file
        assertThat(csv).doesNotContain(real.toString(), reference, "patient-export", "patient-seeded", "clinic-export",
                "Lumbar disc herniation", "Secret procedure text", "Dr. A. Surgeon", "1234567893", "Bay Spine Center",
                "Is physical therapy an option first?", "M51.26");
        for (UUID id : seeded) {
            assertThat(csv).doesNotContain(id.toString());
        }
        assertThat(csv).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");

        // a second export gives the same cases other ids: rows cannot be linked across exports
        List<Map<String, String>> again = parse(given().auth().oauth2(TestTokens.admin("admin1"))
                .get(EXPORT + "?procedure=" + procedure).then().statusCode(200).extract().asString());
        assertThat(again).extracting(r -> r.get("row_id"))
                .doesNotContainAnyElementsOf(rows.stream().map(r -> r.get("row_id")).toList());

        // the export is in the case's access log: the patient sees their case went into it
        DeliveredCases.patient("patient-export").get("/api/v1/cases/{id}/access-log", real).then().statusCode(200)
                .body("items.action", hasItem("EXPORT")).body("items.objectId", hasItem(exportId));
    }

    @Test
    void onlyAdminsExport() {
        given().auth().oauth2(TestTokens.coordinator("coordinator1")).get(EXPORT).then().statusCode(403);
        given().auth().oauth2(TestTokens.clinic("clinic1", "clinic1")).get(EXPORT).then().statusCode(403);
        given().auth().oauth2(TestTokens.patient("patient1")).get(EXPORT).then().statusCode(403);
        given().get(EXPORT).then().statusCode(401);
    }

    private static List<Map<String, String>> parse(String csv) {
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            assertThat(values).hasSameSizeAs(header);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
