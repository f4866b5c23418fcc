package org.secondopinion.cases.fhir;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.LowQuotas;
import org.secondopinion.infra.testing.TestTokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * A FHIR client past its clinic's referral quota gets what FHIR clients read: an OperationOutcome with the issue code
 * {@code throttled}, in FHIR's media type, with Retry-After; and no referral is created.
 */
@QuarkusTest
@TestProfile(LowQuotas.class)
class FhirReferralQuotaTest {

    private static final String FHIR_JSON = "application/fhir+json";

    @Test
    void theFhirReferralPastTheQuotaIsAThrottledOperationOutcomeWithRetryAfter() {
        String clinic = "clinic-fhir-quota-" + UUID.randomUUID();
        for (int i = 0; i < LowQuotas.REFERRALS; i++) {
            clinic(clinic).body(FhirExamples.withFreshReference(FhirExamples.SERVICE_REQUEST))
                    .post("/api/v1/fhir/ServiceRequest").then().statusCode(201);
        }

        clinic(clinic).body(FhirExamples.withFreshReference(FhirExamples.SERVICE_REQUEST))
                .post("/api/v1/fhir/ServiceRequest").then()
                .statusCode(429)
                .contentType(FHIR_JSON)
                .header("Retry-After", s -> Long.parseLong(s), greaterThan(0L))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].code", equalTo("throttled"));

        long referrals = ((Number) given().auth().oauth2(TestTokens.clinic("fhir-quota", clinic))
                .get("/api/v1/referrals?size=1").then().statusCode(200).extract().path("total")).longValue();
        assertThat(referrals).isEqualTo(LowQuotas.REFERRALS);
    }

    private static RequestSpecification clinic(String clinicId) {
        return given().auth().oauth2(TestTokens.clinic("fhir-quota", clinicId)).contentType(FHIR_JSON).accept(FHIR_JSON);
    }
}
