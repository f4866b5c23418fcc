package org.secondopinion.specialist.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.StrictRequestsContract;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.specialist.directory.DirectoryFixtures;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The platform's request-parsing rules over every operation of specialist-service (see
 * {@link StrictRequestsContract}), and the order of refusals (DESIGN §3) over every operation under
 * {@code /api/v1/specialists/{id}}.
 */
@QuarkusTest
class StrictRequestsTest extends StrictRequestsContract {

    private static final String SPECIALIST_SCOPED = "/api/v1/specialists/{id}";

    /** One active specialist for the whole class: the request checks run on them. */
    private static String specialist;

    /** Specialist operations answer 404 before judging a request, so the request checks name one who exists. */
    @BeforeEach
    void aSpecialistWhoExists() {
        if (specialist == null) {
            specialist = DirectoryFixtures.create(DirectoryFixtures.specialist("Strict"));
        }
        checks.pathsBy(op -> op.template().startsWith(SPECIALIST_SCOPED) ? op.path(Map.of("id", specialist))
                : op.path());
    }

    @Test
    void onEverySpecialistOperationOneWhoDoesNotExistIs404WhateverTheRequestAndOneWhoDoesGetsTheRequestsRefusal() {
        // admins see every specialist, whatever their status: what they may not see is one who does not exist
        String admin = TestTokens.admin("admin-" + UUID.randomUUID());
        holdsTheOrderOfRefusals(SPECIALIST_SCOPED, op -> op.path(Map.of("id", UUID.randomUUID().toString())),
                admin, 10);
    }

    @Test
    void aCertificationWithoutABoardIs404ForASpecialistWhoDoesNotExistAnd400NamingTheBoardForOneWhoDoes() {
        String admin = TestTokens.admin("admin-" + UUID.randomUUID());
        String invalid = "{\"board\":\"\",\"specialty\":\"ORTHOPAEDIC_SURGERY\"}";
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(invalid)
                .post("/api/v1/specialists/{id}/certifications", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(invalid)
                .post("/api/v1/specialists/{id}/certifications", specialist)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", containsString("board"));
    }

    @Test
    void aSpecialistNotYetActiveIs404ToEveryoneButAdmins() {
        Map<String, Object> onboarding = DirectoryFixtures.specialist("Onboarding");
        onboarding.put("status", "ONBOARDING");
        String id = DirectoryFixtures.create(onboarding);
        given().auth().oauth2(TestTokens.of("someone-" + UUID.randomUUID(), "patient", "specialist", "coordinator"))
                .get("/api/v1/specialists/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("admin-" + UUID.randomUUID()))
                .get("/api/v1/specialists/{id}", id).then().statusCode(200).body("id", equalTo(id));
    }
}
