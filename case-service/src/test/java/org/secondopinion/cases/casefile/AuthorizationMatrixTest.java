package org.secondopinion.cases.casefile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * DESIGN §3 for every case endpoint and every role, on one assigned case: 401 without a token, 403 for a role the
 * endpoint is not for, 404 for a case the caller may not see, and the caller's real answer otherwise.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final String OWNER = "patient-matrix-owner";
    private UUID caseId;

    private enum Caller {
        OWNER_PATIENT, OTHER_PATIENT, ASSIGNED_SPECIALIST, OTHER_SPECIALIST, COORDINATOR, ADMIN, CLINIC, ANONYMOUS;

        RequestSpecification request() {
            RequestSpecification r = given().contentType(ContentType.JSON);
            return switch (this) {
                case OWNER_PATIENT -> r.auth().oauth2(TestTokens.patient(OWNER));
                case OTHER_PATIENT -> r.auth().oauth2(TestTokens.patient("patient-matrix-other"));
                case ASSIGNED_SPECIALIST -> r.auth().oauth2(TestTokens.specialist("specialist1"));
                case OTHER_SPECIALIST -> r.auth().oauth2(TestTokens.specialist("specialist2"));
                case COORDINATOR -> r.auth().oauth2(TestTokens.coordinator("coordinator1"));
                case ADMIN -> r.auth().oauth2(TestTokens.admin("admin1"));
                case CLINIC -> r.auth().oauth2(TestTokens.clinic("clinic1", "clinic1"));
                case ANONYMOUS -> r;
            };
        }
    }

    private record Endpoint(String method, String path, Object body) {
    }

    /** RestAssured knows the test port only per test, so the case is made inside the test. */
    private void anAssignedCase() throws Exception {
        caseId = CaseApi.submittedSpineCase(OWNER);
        String event = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                "specversion", "1.0", "id", UUID.randomUUID().toString(), "source", "/second-opinion/matching-service",
                "type", "match.assigned.v1", "subject", caseId.toString(), "time", Instant.now().toString(),
                "data", Map.of("caseId", caseId.toString(), "caseReference", "SO-x", "patientId", OWNER,
                        "specialistId", "5e000000-0000-4000-8000-000000000001", "specialistUserId", "specialist1",
                        "assignedAt", Instant.now().toString())));
        EventProbe.send(Topics.MATCHING_EVENTS, caseId.toString(), event);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient(OWNER), caseId).body("status", equalTo("ASSIGNED")));
    }

    private static Map<Caller, Integer> expect(int owner, int otherPatient, int assigned, int otherSpecialist,
                                               int coordinator, int admin, int clinic) {
        Map<Caller, Integer> m = new LinkedHashMap<>();
        m.put(Caller.OWNER_PATIENT, owner);
        m.put(Caller.OTHER_PATIENT, otherPatient);
        m.put(Caller.ASSIGNED_SPECIALIST, assigned);
        m.put(Caller.OTHER_SPECIALIST, otherSpecialist);
        m.put(Caller.COORDINATOR, coordinator);
        m.put(Caller.ADMIN, admin);
        m.put(Caller.CLINIC, clinic);
        m.put(Caller.ANONYMOUS, 401);
        return m;
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheDesignSays() throws Exception {
        anAssignedCase();
        String c = "/api/v1/cases/" + caseId;
        Map<Endpoint, Map<Caller, Integer>> matrix = new LinkedHashMap<>();
        // reads: the parties and coordinators see it; everyone else is told it does not exist (or their role is wrong)
        matrix.put(new Endpoint("GET", c, null), expect(200, 404, 200, 404, 200, 403, 403));
        matrix.put(new Endpoint("GET", c + "/documents", null), expect(200, 404, 200, 404, 200, 403, 403));
        matrix.put(new Endpoint("GET", c + "/messages", null), expect(200, 404, 200, 404, 200, 403, 403));
        matrix.put(new Endpoint("GET", c + "/information-requests", null), expect(200, 404, 200, 404, 200, 403, 403));
        // no opinion yet: a draft does not exist for anyone, and the case stays hidden from outsiders
        matrix.put(new Endpoint("GET", c + "/opinion", null), expect(404, 404, 404, 404, 404, 403, 403));
        matrix.put(new Endpoint("GET", c + "/access-log", null), expect(200, 404, 403, 403, 403, 200, 403));
        // the patient's own rating only, none yet
        matrix.put(new Endpoint("GET", c + "/rating", null), expect(404, 404, 403, 403, 403, 403, 403));
        // changes: only the right party; the owner's edit is refused by the case's state, not by access
        matrix.put(new Endpoint("PATCH", c, Map.of("history", "x")), expect(409, 404, 403, 403, 403, 403, 403));
        matrix.put(new Endpoint("POST", c + "/submit", CaseApi.CONSENT), expect(409, 404, 403, 403, 403, 403, 403));
        matrix.put(new Endpoint("POST", c + "/close", null), expect(409, 404, 403, 403, 403, 403, 403));
        matrix.put(new Endpoint("POST", c + "/rating", Map.of("stars", 5)), expect(409, 404, 403, 403, 403, 403, 403));
        matrix.put(new Endpoint("POST", c + "/information-requests", Map.of("question", "?")),
                expect(403, 403, 201, 404, 403, 403, 403));
        matrix.put(new Endpoint("PUT", c + "/opinion", Map.of("summary", "draft")), expect(403, 403, 200, 404, 403, 403, 403));
        matrix.put(new Endpoint("POST", c + "/opinion/addenda", Map.of("body", "x")), expect(403, 403, 409, 404, 403, 403, 403));
        matrix.put(new Endpoint("POST", c + "/messages", Map.of("body", "hello")), expect(201, 404, 201, 404, 201, 403, 403));
        matrix.put(new Endpoint("POST", "/api/v1/cases", CaseApi.SPINE_CASE), expect(201, 201, 403, 403, 403, 403, 403));

        List<String> wrong = new ArrayList<>();
        matrix.forEach((endpoint, expected) -> expected.forEach((caller, status) -> {
            RequestSpecification r = caller.request();
            if (endpoint.body() != null) {
                r = r.body(endpoint.body());
            }
            int actual = r.request(endpoint.method(), endpoint.path()).statusCode();
            if (actual != status) {
                wrong.add(endpoint.method() + " " + endpoint.path().replace(caseId.toString(), "{id}") + " as " + caller
                        + ": expected " + status + " but was " + actual);
            }
        }));
        assertThat(wrong).isEmpty();
    }
}
