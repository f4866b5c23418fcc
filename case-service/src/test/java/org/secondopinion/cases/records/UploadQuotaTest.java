package org.secondopinion.cases.records;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.cases.LowQuotas;
import org.secondopinion.infra.testing.TestTokens;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.greaterThan;

/** Uploads per case per day are limited in count and bytes: past either, 429 naming the quota, and nothing stored. */
@QuarkusTest
@TestProfile(LowQuotas.class)
class UploadQuotaTest {

    private static RequestSpecification patient(String p) {
        return given().auth().oauth2(TestTokens.patient(p));
    }

    private static io.restassured.response.Response upload(String patient, UUID caseId, String name, int bytes) {
        return patient(patient).multiPart("file", name, "a".repeat(bytes).getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/cases/{id}/documents", caseId);
    }

    @Test
    void theUploadPastTheDailyCountIsRefusedWithRetryAfterAndNotStoredWhileAnotherCaseStillUploads() {
        UUID id = CaseApi.createSpineCase("patient-upload-quota");
        for (int i = 0; i < LowQuotas.UPLOADS; i++) {
            upload("patient-upload-quota", id, "note" + i + ".txt", 10).then().statusCode(201);
        }
        upload("patient-upload-quota", id, "one-too-many.txt", 10).then().statusCode(429)
                .contentType("application/problem+json").body("status", equalTo(429))
                .body("quota", equalTo("record-uploads"))
                .header("Retry-After", s -> Long.parseLong(s), greaterThan(0L))
                .header("Retry-After", s -> Long.parseLong(s), lessThanOrEqualTo(86_400L));
        patient("patient-upload-quota").get("/api/v1/cases/{id}/documents", id).then().statusCode(200)
                .body("$", hasSize(LowQuotas.UPLOADS));

        UUID other = CaseApi.createSpineCase("patient-upload-quota");
        upload("patient-upload-quota", other, "fine.txt", 10).then().statusCode(201);
    }

    @Test
    void deletingRecordsDoesNotGiveTheDaysBytesBack() {
        UUID id = CaseApi.createSpineCase("patient-upload-bytes");
        String location = upload("patient-upload-bytes", id, "first.txt", 600).then().statusCode(201)
                .extract().header("Location");
        patient("patient-upload-bytes").delete(location.replace("/content", "")).then().statusCode(204);

        upload("patient-upload-bytes", id, "second.txt", 600).then().statusCode(429)
                .contentType("application/problem+json").body("quota", equalTo("record-upload-bytes"))
                .header("Retry-After", s -> Long.parseLong(s), greaterThan(0L));
        patient("patient-upload-bytes").get("/api/v1/cases/{id}/documents", id).then().statusCode(200)
                .body("$", hasSize(0));
    }
}
