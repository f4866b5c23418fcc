package org.secondopinion.cases.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class CaseResourceTest {

    @Inject
    DataSource db;

    @Test
    void patientStartsADraftWithAHumanReference() {
        String location = CaseApi.create("patient-create", CaseApi.SPINE_CASE)
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("status", equalTo("DRAFT"))
                .body("reference", matchesPattern("SO-\\d{4}-\\d{6}"))
                .body("diagnosis.code", equalTo("M51.26"))
                .body("goals", hasItem("AVOID_SURGERY"))
                .extract().header("Location");
        given().auth().oauth2(TestTokens.patient("patient-create")).get(location).then()
                .statusCode(200).body("procedure.code", equalTo("63030"));
    }

    @Test
    void referencesAreSequential() {
        String first = CaseApi.create("patient-seq", CaseApi.SPINE_CASE).statusCode(201).extract().path("reference");
        String second = CaseApi.create("patient-seq", CaseApi.SPINE_CASE).statusCode(201).extract().path("reference");
        assertThat(Integer.parseInt(second.substring(8))).isEqualTo(Integer.parseInt(first.substring(8)) + 1);
    }

    @Test
    void missingDiagnosisIsNamedAndNothingIsStored() {
        Map<String, Object> body = new HashMap<>(CaseApi.SPINE_CASE);
        body.remove("diagnosis");
        CaseApi.create("patient-missing", body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("diagnosis")));
        listOf("patient-missing").body("total", equalTo(0));
    }

    @Test
    void malformedCodesAreNamed() {
        Map<String, Object> body = new HashMap<>(CaseApi.SPINE_CASE);
        body.put("diagnosis", Map.of("code", "12345", "text", "x"));
        body.put("patientState", "XX");
        CaseApi.create("patient-codes", body)
                .statusCode(400)
                .body("violations.field", hasItem(containsString("diagnosis.code")))
                .body("violations.field", hasItem(containsString("patientState")));
    }

    @Test
    void malformedJsonIsA400ProblemNotA500() {
        given().auth().oauth2(TestTokens.patient("patient-json")).contentType(ContentType.JSON)
                .body("{\"diagnosis\": {\"code\": ").post("/api/v1/cases").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        listOf("patient-json").body("total", equalTo(0));
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        Map<String, Object> body = new HashMap<>(CaseApi.SPINE_CASE);
        body.put("urgency", "WHENEVER");
        CaseApi.create("patient-type", body)
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("urgency"));
        body.put("urgency", "ROUTINE");
        body.put("questions", Map.of("not", "a list"));
        CaseApi.create("patient-type", body).statusCode(400).body("violations.field", hasItem("questions"));
        listOf("patient-type").body("total", equalTo(0));
    }

    @Test
    void urgentCasesNeedADateWithinFourteenDays() {
        Map<String, Object> body = new HashMap<>(CaseApi.SPINE_CASE);
        body.put("urgency", "URGENT");
        body.put("scheduledDate", LocalDate.now().plusDays(30).toString());
        CaseApi.create("patient-urgent", body).statusCode(400).body("violations.field", hasItem("scheduledDate"));
    }

    @Test
    void referenceDataIsCheckedAgainstTheDirectoryAndTheRegistries() {
        Map<String, Object> body = new HashMap<>(CaseApi.SPINE_CASE);
        body.put("specialty", "TREE_SURGERY");
        body.put("preferredLanguage", "xx");
        body.put("recommendingSurgeon", Map.of("name", "Dr. A", "npi", "1234567890", "institution", "X"));
        CaseApi.create("patient-reference", body).statusCode(400)
                .body("violations.field", hasItem(containsString("specialty")))
                .body("violations.field", hasItem(containsString("preferredLanguage")))
                .body("violations.field", hasItem(containsString("recommendingSurgeon.npi")));
        body.put("procedure", Map.of("code", "0275T", "text", "Category III procedure"));
        body.put("specialty", "NEUROSURGERY");
        body.put("preferredLanguage", "es");
        body.put("recommendingSurgeon", Map.of("name", "Dr. A", "npi", "1234567893", "institution", "X"));
        CaseApi.create("patient-reference", body).statusCode(201);
    }

    @Test
    void coordinatorsFilterTheQueue() {
        Map<String, Object> urgent = new HashMap<>(CaseApi.SPINE_CASE);
        urgent.put("urgency", "URGENT");
        urgent.put("specialty", "UROLOGY");
        urgent.put("scheduledDate", LocalDate.now().plusDays(5).toString());
        UUID id = UUID.fromString(CaseApi.create("patient-queue", urgent).statusCode(201).extract().path("id"));
        CaseApi.submit("patient-queue", id).statusCode(200);
        String coordinator = TestTokens.coordinator("coordinator1");
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        given().auth().oauth2(coordinator).queryParam("urgency", "URGENT").queryParam("specialty", "UROLOGY")
                .queryParam("status", "SUBMITTED").queryParam("submittedFrom", today).queryParam("submittedTo", today)
                .get("/api/v1/cases").then().statusCode(200)
                .body("items.id", hasItem(id.toString()))
                .body("items.urgency", everyItem(equalTo("URGENT")))
                .body("items.specialty", everyItem(equalTo("UROLOGY")));
        given().auth().oauth2(coordinator).queryParam("specialty", "UROLOGY")
                .queryParam("submittedTo", LocalDate.now().minusDays(3).toString())
                .get("/api/v1/cases").then().statusCode(200).body("items.id", not(hasItem(id.toString())));
        given().auth().oauth2(coordinator).queryParam("status", "NOPE").get("/api/v1/cases").then()
                .statusCode(400).body("violations.field", hasItem("status"));
        given().auth().oauth2(coordinator).queryParam("submittedFrom", "yesterday").get("/api/v1/cases").then()
                .statusCode(400).body("violations.field", hasItem("submittedFrom"));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().contentType(ContentType.JSON).body(CaseApi.SPINE_CASE).post("/api/v1/cases").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").get("/api/v1/cases").then().statusCode(401);
    }

    @Test
    void specialistsCannotOpenCases() {
        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON)
                .body(CaseApi.SPINE_CASE).post("/api/v1/cases").then().statusCode(403);
    }

    @Test
    void patientCannotSeeOrTouchAnotherPatientsCase() {
        UUID id = CaseApi.createSpineCase("patient-owner");
        String intruder = TestTokens.patient("patient-intruder");
        CaseApi.get(intruder, id).statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(intruder).contentType(ContentType.JSON).body(Map.of("patientState", "NY"))
                .patch("/api/v1/cases/{id}", id).then().statusCode(404);
        CaseApi.submit("patient-intruder", id).statusCode(404);
        given().auth().oauth2(intruder).post("/api/v1/cases/{id}/cancel", id).then().statusCode(404);
        CaseApi.get(TestTokens.patient("patient-owner"), id).statusCode(200).body("patientState", equalTo("CA"));
        // a specialist who was never assigned sees nothing either
        CaseApi.get(TestTokens.specialist("specialist2"), id).statusCode(404);
        // a coordinator sees every case
        CaseApi.get(TestTokens.coordinator("coordinator1"), id).statusCode(200);
    }

    @Test
    void draftsArePartiallyUpdatedUntilSubmitted() {
        UUID id = CaseApi.createSpineCase("patient-patch");
        String token = TestTokens.patient("patient-patch");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("patientState", "NV", "history", "Pain for 8 months"))
                .patch("/api/v1/cases/{id}", id).then().statusCode(200)
                .body("patientState", equalTo("NV"))
                .body("history", equalTo("Pain for 8 months"))
                .body("diagnosis.code", equalTo("M51.26")); // untouched
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("preferredLanguage", "english"))
                .patch("/api/v1/cases/{id}", id).then().statusCode(400).body("violations.field", hasItem(containsString("preferredLanguage")));
        CaseApi.submit("patient-patch", id).statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("patientState", "CA"))
                .patch("/api/v1/cases/{id}", id).then().statusCode(409).body("currentState", equalTo("SUBMITTED"));
    }

    @Test
    void aStaleVersionIsRefused() {
        UUID id = CaseApi.createSpineCase("patient-stale");
        String token = TestTokens.patient("patient-stale");
        String etag = CaseApi.get(token, id).extract().header("ETag");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("history", "one"))
                .patch("/api/v1/cases/{id}", id).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("history", "two"))
                .patch("/api/v1/cases/{id}", id).then().statusCode(409);
        CaseApi.get(token, id).body("history", equalTo("one"));
    }

    @Test
    void submitNeedsConsent() {
        UUID id = CaseApi.createSpineCase("patient-consent");
        given().auth().oauth2(TestTokens.patient("patient-consent")).contentType(ContentType.JSON)
                .body(Map.of("consent", Map.of("version", "2026-01", "accepted", false)))
                .post("/api/v1/cases/{id}/submit", id).then()
                .statusCode(400).body("violations.field", hasItem(containsString("accepted")));
        given().auth().oauth2(TestTokens.patient("patient-consent")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/{id}/submit", id).then()
                .statusCode(400).body("violations.field", hasItem(containsString("consent")));
        CaseApi.get(TestTokens.patient("patient-consent"), id).body("status", equalTo("DRAFT"));
    }

    @Test
    void submittingPublishesCaseSubmittedWithCodesButNoClinicalText() {
        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            UUID id = CaseApi.createSpineCase("patient-submit");
            CaseApi.submit("patient-submit", id).statusCode(200)
                    .body("status", equalTo("SUBMITTED"))
                    .body("consent.version", equalTo("2026-01"))
                    .body("submittedAt", notNullValue());
            JsonNode event = probe.await("case.submitted.v1", id.toString(), Duration.ofSeconds(20));
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("source").asText()).isEqualTo("/second-opinion/case-service");
            JsonNode data = event.path("data");
            assertThat(data.path("diagnosisCode").asText()).isEqualTo("M51.26");
            assertThat(data.path("procedureCode").asText()).isEqualTo("63030");
            assertThat(data.path("patientState").asText()).isEqualTo("CA");
            assertThat(data.path("patientId").asText()).isEqualTo("patient-submit");
            assertThat(event.toString()).doesNotContain("Lumbar", "Surgeon", "physical therapy");
            assertThat(probe.keys()).contains(id.toString());
        }
        CaseApi.submit("patient-submit", CaseApi.createSpineCase("patient-submit")).statusCode(200);
    }

    @Test
    void aCaseIsSubmittedOnlyOnce() {
        UUID id = CaseApi.submittedSpineCase("patient-twice");
        CaseApi.submit("patient-twice", id).statusCode(409)
                .contentType("application/problem+json").body("currentState", equalTo("SUBMITTED"));
    }

    @Test
    void cancellingPublishesCaseCancelled() {
        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            UUID id = CaseApi.submittedSpineCase("patient-cancel");
            given().auth().oauth2(TestTokens.patient("patient-cancel")).post("/api/v1/cases/{id}/cancel", id).then()
                    .statusCode(200).body("status", equalTo("CANCELLED"));
            JsonNode event = probe.await("case.cancelled.v1", id.toString(), Duration.ofSeconds(20));
            assertThat(event.path("data").path("previousStatus").asText()).isEqualTo("SUBMITTED");
            given().auth().oauth2(TestTokens.patient("patient-cancel")).post("/api/v1/cases/{id}/cancel", id).then()
                    .statusCode(409).body("currentState", equalTo("CANCELLED"));
        }
    }

    @Test
    void patientsListOnlyTheirOwnCases() {
        CaseApi.createSpineCase("patient-list-a");
        CaseApi.createSpineCase("patient-list-a");
        CaseApi.createSpineCase("patient-list-b");
        listOf("patient-list-a").body("total", equalTo(2)).body("items.size()", equalTo(2))
                .body("items.status", everyItem(equalTo("DRAFT")));
        given().auth().oauth2(TestTokens.patient("patient-list-a")).queryParam("size", 1).get("/api/v1/cases").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("total", equalTo(2)).body("size", equalTo(1));
        given().auth().oauth2(TestTokens.patient("patient-list-a")).queryParam("size", 500).get("/api/v1/cases").then()
                .statusCode(400).body("violations.field", hasItem(containsString("size")));
    }

    @Test
    void aLongListIsCountedUpToALimitAndItsLastPageIsExact() throws Exception {
        int many = CaseRepository.COUNT_LIMIT + 5;
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO patient_case (id, reference, patient_id, origin, status, urgency, created_at, updated_at) "
                        + "SELECT gen_random_uuid(), 'LONG-' || n, 'patient-many', 'PATIENT', 'DRAFT', 'ROUTINE', "
                        + "now() - n * interval '1 second', now() FROM generate_series(1, ?) AS n")) {
            insert.setInt(1, many);
            assertThat(insert.executeUpdate()).isEqualTo(many);
        }
        // the first page: the list is longer than the count goes, so the total says "at least"
        listOf("patient-many").body("items.size()", equalTo(20))
                .body("total", equalTo(CaseRepository.COUNT_LIMIT)).body("totalExact", equalTo(false));
        // the last page is not full: the total is exact, counted from the pages before it
        given().auth().oauth2(TestTokens.patient("patient-many")).queryParam("size", 100).queryParam("page", 10)
                .get("/api/v1/cases").then().statusCode(200)
                .body("items.size()", equalTo(5)).body("total", equalTo(many)).body("totalExact", equalTo(true));
        // a short list is exact
        CaseApi.createSpineCase("patient-few");
        listOf("patient-few").body("total", equalTo(1)).body("totalExact", equalTo(true));
    }

    @Test
    void listingCasesLeavesAnEntryOnEveryListedCaseAndOnNoOther() {
        UUID older = CaseApi.submittedSpineCase("patient-listed");
        UUID newest = CaseApi.submittedSpineCase("patient-listed");
        // newest first, one per page: the coordinator sees only the case just submitted
        given().auth().oauth2(TestTokens.coordinator("coordinator1")).header("X-Request-Id", "list-audit-coordinator")
                .queryParam("size", 1).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", contains(newest.toString()));
        trailOf("patient-listed", newest)
                .body("items.find { it.requestId == 'list-audit-coordinator' }.actorId", equalTo("coordinator1"))
                .body("items.find { it.requestId == 'list-audit-coordinator' }.actorRole", equalTo("coordinator"))
                .body("items.find { it.requestId == 'list-audit-coordinator' }.action", equalTo("LIST"))
                .body("items.find { it.requestId == 'list-audit-coordinator' }.objectType", equalTo("CASE"));
        trailOf("patient-listed", older).body("items.requestId", not(hasItem("list-audit-coordinator")));

        // the patient's own listing is audited like their own reads
        given().auth().oauth2(TestTokens.patient("patient-listed")).header("X-Request-Id", "list-audit-patient")
                .get("/api/v1/cases").then().statusCode(200).body("total", equalTo(2));
        for (UUID id : new UUID[]{older, newest}) {
            trailOf("patient-listed", id)
                    .body("items.find { it.requestId == 'list-audit-patient' }.action", equalTo("LIST"))
                    .body("items.find { it.requestId == 'list-audit-patient' }.actorRole", equalTo("patient"));
        }
    }

    private static io.restassured.response.ValidatableResponse trailOf(String patient, UUID id) {
        return given().auth().oauth2(TestTokens.patient(patient)).get("/api/v1/cases/{id}/access-log", id).then()
                .statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse listOf(String patient) {
        return given().auth().oauth2(TestTokens.patient(patient)).get("/api/v1/cases").then().statusCode(200);
    }
}
