package org.secondopinion.cases.consults;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.LowQuotas;
import org.secondopinion.cases.consults.ConsultFixtures.Doc;
import org.secondopinion.infra.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.secondopinion.cases.consults.ConsultFixtures.assignedCase;
import static org.secondopinion.cases.consults.ConsultFixtures.book;
import static org.secondopinion.cases.consults.ConsultFixtures.firstSlot;
import static org.secondopinion.cases.consults.ConsultFixtures.post;
import static org.secondopinion.cases.consults.ConsultFixtures.publishAvailability;

/** Booking and cancelling in a loop holds a specialist's slots: bookings per case per day are a quota. */
@QuarkusTest
@TestProfile(LowQuotas.class)
class ConsultQuotaTest {

    @Test
    void theBookingPastTheCasesDailyQuotaIsRefusedWithRetryAfterWhileAnotherCaseStillBooks() {
        Doc doc = Doc.fresh();
        publishAvailability(doc);
        String patient = "quota-" + doc.userId();
        UUID caseId = assignedCase(patient, doc);
        String token = TestTokens.patient(patient);
        for (int i = 0; i < LowQuotas.CONSULT_BOOKINGS; i++) {
            String id = book(token, caseId, firstSlot(patient, caseId)).statusCode(201).extract().path("id");
            post(token, caseId, id, "cancel", Map.of()).statusCode(200);
        }

        book(token, caseId, firstSlot(patient, caseId)).statusCode(429).contentType("application/problem+json")
                .body("quota", equalTo("consult-bookings"))
                .header("Retry-After", Long::parseLong, greaterThan(0L));
        given().auth().oauth2(token).get("/api/v1/cases/{id}/consults", caseId).then().statusCode(200)
                .body("$", hasSize(LowQuotas.CONSULT_BOOKINGS));

        UUID other = assignedCase(patient, doc);
        book(token, other, firstSlot(patient, other)).statusCode(201);
    }
}
