package org.secondopinion.cases.platform;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.StrictRequestChecks;
import org.secondopinion.infra.testing.TestTokens;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.secondopinion.cases.CaseApi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The platform's request-parsing rules, held over every operation of this service's OpenAPI document (see
 * {@link StrictRequestChecks}): malformed paging and query parameters, bodies with trailing garbage, without a
 * Content-Type or not UTF-8, {@code Accept: application/json}, tokens without {@code sub} or without any role.
 */
@QuarkusTest
class StrictRequestsTest {

    @TestHTTPResource("/")
    URL root;

    StrictRequestChecks checks;
    String anyone;

    @BeforeEach
    void readTheDocument() throws Exception {
        checks = new StrictRequestChecks(root.toURI())
                // FHIR operations answer an OperationOutcome, not a problem, for a body they cannot read
                .bodyRefusalsNotProblemsFor(op -> op.template().startsWith("/api/v1/fhir"));
        anyone = TestTokens.allRoles("strict-" + UUID.randomUUID());
        assertThat(checks.operations()).hasSizeGreaterThan(20);
    }

    @Test
    void malformedOrOutOfRangeQueryParametersAre400NamingTheParameterOnEveryOperation() {
        assertThat(checks.malformedQueryParameters(anyone)).as("requests sent").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aJsonBodyWithTrailingGarbageIs400OnEveryOperationThatTakesJson() {
        assertThat(checks.trailingGarbage(anyone)).isGreaterThan(10);
    }

    @Test
    void aCaseWithTrailingGarbageIsNotStored() {
        String patient = "strict-" + UUID.randomUUID();
        String body = json(CaseApi.SPINE_CASE);
        HttpResponse<byte[]> r = checks.send("POST", "/api/v1/cases", Map.of("Authorization",
                "Bearer " + TestTokens.patient(patient), "Content-Type", "application/json"), body + " {\"x\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(StrictRequestChecks.text(r)).contains("nothing after it");

        given().auth().oauth2(TestTokens.patient(patient)).get("/api/v1/cases").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void aBodyThatIsNotUtf8Is400SayingSoOnEveryOperationThatTakesJson() {
        assertThat(checks.invalidUtf8(anyone)).isGreaterThan(5);
    }

    @Test
    void aBodyWithoutContentTypeIs415OnEveryOperationThatTakesABody() {
        assertThat(checks.missingContentType(anyone)).isGreaterThan(5);
    }

    @Test
    void acceptApplicationJsonIsNeverRefusedWith406() {
        assertThat(checks.acceptJson(anyone)).isEqualTo(checks.operations().size());
    }

    @Test
    void aSignedTokenWithoutSubIs401OnEveryOperation() {
        assertThat(checks.tokenWithoutSubject(TestTokens.withoutSubject("nosub", "patient", "specialist",
                "coordinator", "clinic", "admin"))).isEqualTo(checks.operations().size());
    }

    @Test
    void aTokenWithoutAnyRoleIs403OnEveryOperationThatNeedsAToken() {
        assertThat(checks.tokenWithoutRoles(TestTokens.of("norole-" + UUID.randomUUID()))).isGreaterThan(20);
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
