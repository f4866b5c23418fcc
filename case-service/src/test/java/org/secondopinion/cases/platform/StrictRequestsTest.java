package org.secondopinion.cases.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.StrictRequestChecks;
import org.secondopinion.infra.testing.StrictRequestsContract;
import org.secondopinion.infra.testing.TestTokens;

import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The platform's request-parsing rules over every operation of case-service (see {@link StrictRequestsContract}),
 * and the order of refusals (DESIGN §3) over every operation under {@code /api/v1/cases/{id}}.
 */
@QuarkusTest
class StrictRequestsTest extends StrictRequestsContract {

    private static final String CASE_SCOPED = "/api/v1/cases/{id}";

    private String ownCase;

    /** Case-scoped operations answer 404 before judging a request, so the request checks run on the caller's case. */
    @BeforeEach
    void aCaseOfTheCaller() {
        ownCase = CaseApi.createSpineCase(anyoneId).toString();
        checks.pathsBy(op -> op.template().startsWith(CASE_SCOPED) ? op.path(Map.of("id", ownCase)) : op.path());
    }

    @Test
    void onEveryCaseOperationACallerWhoMayNotSeeTheCaseGets404WhateverTheRequestAndTheOwnerGetsTheRequestsRefusal() {
        String otherPatient = "other-" + UUID.randomUUID();
        String othersCase = CaseApi.createSpineCase(otherPatient).toString();
        // holds the roles of every case operation but is neither the owner nor the assigned specialist
        String stranger = TestTokens.of("stranger-" + UUID.randomUUID(), "patient", "specialist");
        int sent = checks.objectBeforeRequest(op -> op.template().startsWith(CASE_SCOPED),
                op -> op.path(Map.of("id", othersCase)), stranger, anyone);
        long operations = checks.operations().stream().filter(op -> op.template().startsWith(CASE_SCOPED)).count();
        System.out.printf("order of refusals: %d requests over %d case operations, all as required%n", sent,
                operations);
        assertThat(operations).isGreaterThanOrEqualTo(25);
    }

    @Override
    protected Predicate<StrictRequestChecks.Operation> bodyRefusalsNotProblems() {
        // FHIR operations answer an OperationOutcome, not a problem, for a body they cannot read
        return op -> op.template().startsWith("/api/v1/fhir");
    }

    @Test
    void aCaseWithTrailingGarbageIsNotStored() throws Exception {
        String patient = "strict-" + UUID.randomUUID();
        String body = new ObjectMapper().writeValueAsString(CaseApi.SPINE_CASE);
        StrictRequestChecks.Answer r = checks.send("POST", "/api/v1/cases", Map.of("Authorization",
                "Bearer " + TestTokens.patient(patient), "Content-Type", "application/json"), body + " {\"x\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(StrictRequestChecks.text(r)).contains("nothing after it");

        given().auth().oauth2(TestTokens.patient(patient)).get("/api/v1/cases").then().statusCode(200)
                .body("total", equalTo(0));
    }
}
