package org.secondopinion.cases.referral;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.secondopinion.infra.testing.TestTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The referral API as a partner clinic's system calls it, for tests. */
final class ReferralApi {

    private ReferralApi() {
    }

    /** A complete referral; {@code reference} is the clinic's own, {@code email} the patient's. */
    static Map<String, Object> referral(String reference, String email, boolean consentAttested) {
        Map<String, Object> body = new HashMap<>();
        body.put("clinicReference", reference);
        body.put("patient", Map.of("givenName", "Ana", "familyName", "Silva", "birthDate", "1971-03-14",
                "contact", Map.of("email", email, "phone", "+14155550123")));
        body.put("diagnosis", Map.of("code", "M17.11", "text", "Primary osteoarthritis, right knee"));
        body.put("procedure", Map.of("code", "27447", "text", "Total knee arthroplasty"));
        body.put("specialty", "ORTHOPAEDIC_SURGERY");
        body.put("urgency", "ROUTINE");
        body.put("patientState", "CA");
        body.put("preferredLanguage", "en");
        body.put("goals", List.of("AVOID_SURGERY"));
        body.put("recommendingSurgeon", Map.of("name", "Dr. Sam Cutter", "npi", "1234567893",
                "institution", "Valley Surgical"));
        body.put("consent", consentAttested ? Map.of("attested", true, "version", "clinic-form-3")
                : Map.of("attested", false));
        return body;
    }

    static RequestSpecification clinic(String clinicId) {
        return given().auth().oauth2(TestTokens.clinic(clinicId, clinicId));
    }

    static ValidatableResponse refer(String clinicId, String idempotencyKey, Object body) {
        RequestSpecification request = clinic(clinicId).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/v1/referrals").then();
    }

    static ValidatableResponse claim(String patient, String code) {
        return given().auth().oauth2(TestTokens.patient(patient)).contentType(ContentType.JSON)
                .body(Map.of("code", code)).post("/api/v1/cases/claim").then();
    }

    static long total(String clinicId) {
        return ((Number) clinic(clinicId).get("/api/v1/referrals?size=1").then().statusCode(200)
                .extract().path("total")).longValue();
    }
}
