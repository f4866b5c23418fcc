package org.secondopinion.cases.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
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

/** The platform's request-parsing rules over every operation of case-service (see {@link StrictRequestsContract}). */
@QuarkusTest
class StrictRequestsTest extends StrictRequestsContract {

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
