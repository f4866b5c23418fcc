package org.secondopinion.specialist.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.specialist.directory.DirectoryFixtures;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.secondopinion.specialist.directory.DirectoryFixtures.ADMIN;
import static org.secondopinion.specialist.directory.DirectoryFixtures.create;
import static org.secondopinion.specialist.directory.DirectoryFixtures.specialist;

/** The admin verification workflow: credentials, verification, revocation, suspension (DESIGN §3, §11). */
@QuarkusTest
class CredentialWorkflowResourceTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void adminAddsAPendingLicenceThenVerifiesItAndEachStepPublishesANewerSnapshot() {
        String id = create(specialist(DirectoryFixtures.uniqueTag()));
        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            String location = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("state", "NV", "number", "NV-4711", "issuedOn", "2020-01-01",
                            "expiresOn", "2099-01-01"))
                    .when().post("/api/v1/specialists/{id}/licenses", id)
                    .then().statusCode(201)
                    .body("state", equalTo("NV")).body("status", equalTo("PENDING"))
                    .body("issuedOn", equalTo("2020-01-01"))
                    .extract().header("Location");
            String licenceId = location.substring(location.lastIndexOf('/') + 1);
            assertThat(location).endsWith("/api/v1/specialists/" + id + "/licenses/" + licenceId);

            JsonNode added = probe.await(e -> isSnapshot(e, id, 2), EVENT_TIMEOUT).path("data");
            assertThat(added.path("licensedStates")).extracting(JsonNode::asText).containsExactly("CA");

            given().auth().oauth2(ADMIN)
                    .when().post("/api/v1/specialists/{id}/licenses/{lid}/verify", id, licenceId)
                    .then().statusCode(200)
                    .body("status", equalTo("VERIFIED"))
                    .body("verifiedBy", equalTo("admin1"))
                    .body("verifiedAt", notNullValue());

            JsonNode verified = probe.await(e -> isSnapshot(e, id, 3), EVENT_TIMEOUT).path("data");
            assertThat(verified.path("licensedStates")).extracting(JsonNode::asText).containsExactly("CA", "NV");
        }

        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}/profile", id)
                .then().statusCode(200)
                .body("snapshotVersion", equalTo(3))
                .body("licenses.state", contains("CA", "NV"))
                .body("licenses[1].verifiedBy", equalTo("admin1"));
    }

    @Test
    void aRevokedCertificationNoLongerCountsForMatching() {
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("certifications", List.of());
        body.put("status", "ONBOARDING");
        String id = create(body);

        String certificationId = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("board", "American Board of Orthopaedic Surgery", "specialty", "ORTHOPAEDIC_SURGERY",
                        "certifiedSince", "2015-07-01", "expiresOn", "2035-12-31"))
                .when().post("/api/v1/specialists/{id}/certifications", id)
                .then().statusCode(201).body("status", equalTo("PENDING"))
                .extract().path("id");
        given().auth().oauth2(ADMIN)
                .when().post("/api/v1/specialists/{id}/certifications/{cid}/verify", id, certificationId)
                .then().statusCode(200).body("status", equalTo("VERIFIED")).body("verifiedBy", equalTo("admin1"));

        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            given().auth().oauth2(ADMIN)
                    .when().post("/api/v1/specialists/{id}/certifications/{cid}/revoke", id, certificationId)
                    .then().statusCode(200).body("status", equalTo("REVOKED"));

            JsonNode data = probe.await(e -> isSnapshot(e, id, 4), EVENT_TIMEOUT).path("data");
            assertThat(data.path("certifiedSpecialties")).isEmpty();
        }

        given().auth().oauth2(ADMIN)
                .when().post("/api/v1/specialists/{id}/certifications/{cid}/revoke", id, certificationId)
                .then().statusCode(409).body("currentState", equalTo("REVOKED"));
    }

    @Test
    void verifyingTwiceIsAConflictNamingTheCurrentState() {
        String id = create(specialist(DirectoryFixtures.uniqueTag()));
        String licenceId = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("state", "OR", "number", "OR-1"))
                .when().post("/api/v1/specialists/{id}/licenses", id)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(ADMIN).when().post("/api/v1/specialists/{id}/licenses/{lid}/verify", id, licenceId)
                .then().statusCode(200);

        given().auth().oauth2(ADMIN).when().post("/api/v1/specialists/{id}/licenses/{lid}/verify", id, licenceId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentState", equalTo("VERIFIED"));
    }

    @Test
    void expiryBeforeTheStartDateIsRefusedNamingTheField() {
        String id = create(specialist(DirectoryFixtures.uniqueTag()));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("board", "American Board of Orthopaedic Surgery", "specialty", "ORTHOPAEDIC_SURGERY",
                        "certifiedSince", "2015-07-01", "expiresOn", "2014-12-31"))
                .when().post("/api/v1/specialists/{id}/certifications", id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("expiresOn"));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("state", "TX", "number", "TX-1", "issuedOn", "2021-05-01", "expiresOn", "2021-04-30"))
                .when().post("/api/v1/specialists/{id}/licenses", id)
                .then().statusCode(400)
                .body("violations.field", contains("expiresOn"));

        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("certifications", List.of(Map.of("board", "ABOS", "specialty", "ORTHOPAEDIC_SURGERY",
                "certifiedSince", "2015-07-01", "expiresOn", "2010-01-01")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", contains("certifications[0].expiresOn"));
    }

    @Test
    void aSecondLicenceForTheSameStateIsAConflictNamingState() {
        String id = create(specialist(DirectoryFixtures.uniqueTag())); // licensed in CA

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("state", "CA", "number", "CA-999"))
                .when().post("/api/v1/specialists/{id}/licenses", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations.field", contains("state"));
    }

    @Test
    void malformedCredentialsAreRefusedNamingTheField() {
        String id = create(specialist(DirectoryFixtures.uniqueTag()));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("state", "California", "number", "1"))
                .when().post("/api/v1/specialists/{id}/licenses", id)
                .then().statusCode(400).body("violations.field", contains("state"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("board", "ABPod", "specialty", "PODIATRY"))
                .when().post("/api/v1/specialists/{id}/certifications", id)
                .then().statusCode(400).body("violations.field", contains("specialty"));
    }

    @Test
    void suspendedSpecialistsLeaveThePublicDirectoryUntilActivatedAgain() {
        String id = create(specialist(DirectoryFixtures.uniqueTag()));
        String patient = TestTokens.patient("patient1");

        given().auth().oauth2(ADMIN).when().post("/api/v1/specialists/{id}/suspend", id)
                .then().statusCode(200).body("status", equalTo("SUSPENDED")).body("snapshotVersion", equalTo(2));
        given().auth().oauth2(patient).when().get("/api/v1/specialists/{id}", id).then().statusCode(404);
        given().auth().oauth2(ADMIN).when().post("/api/v1/specialists/{id}/suspend", id)
                .then().statusCode(409).body("currentState", equalTo("SUSPENDED"));

        given().auth().oauth2(ADMIN).when().post("/api/v1/specialists/{id}/activate", id)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("snapshotVersion", equalTo(3));
        given().auth().oauth2(patient).when().get("/api/v1/specialists/{id}", id).then().statusCode(200);
    }

    @Test
    void activationWithoutAVerifiedCertificationIsRefused() {
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("status", "ONBOARDING");
        body.put("certifications", List.of(Map.of("board", "American Board of Orthopaedic Surgery",
                "specialty", "ORTHOPAEDIC_SURGERY", "status", "PENDING")));
        String id = create(body);

        given().auth().oauth2(ADMIN).when().post("/api/v1/specialists/{id}/activate", id)
                .then().statusCode(409).body("currentState", equalTo("ONBOARDING"));
    }

    @Test
    void onlyAdminsManageCredentials() {
        String id = create(specialist(DirectoryFixtures.uniqueTag()));
        Map<String, String> licence = Map.of("state", "WA", "number", "WA-1");

        for (String token : List.of(TestTokens.specialist("specialist1"), TestTokens.patient("patient1"),
                TestTokens.coordinator("coordinator1"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(licence)
                    .when().post("/api/v1/specialists/{id}/licenses", id).then().statusCode(403);
            given().auth().oauth2(token).when().post("/api/v1/specialists/{id}/suspend", id).then().statusCode(403);
            given().auth().oauth2(token).when().get("/api/v1/specialists/{id}/profile", id).then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(licence)
                .when().post("/api/v1/specialists/{id}/licenses", id).then().statusCode(401);
        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}/profile", id)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void unknownSpecialistsAndCredentialsAreNotFound() {
        String id = create(specialist(DirectoryFixtures.uniqueTag()));
        UUID unknown = UUID.randomUUID();

        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}/profile", unknown).then().statusCode(404);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("state", "WA", "number", "WA-1"))
                .when().post("/api/v1/specialists/{id}/licenses", unknown).then().statusCode(404);
        given().auth().oauth2(ADMIN).when().post("/api/v1/specialists/{id}/suspend", unknown).then().statusCode(404);
        given().auth().oauth2(ADMIN)
                .when().post("/api/v1/specialists/{id}/licenses/{lid}/verify", id, unknown)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ADMIN)
                .when().post("/api/v1/specialists/{id}/certifications/{cid}/verify", id, unknown)
                .then().statusCode(404);
    }

    @Test
    void staleIfMatchOnOwnProfileEditIsRefusedWith412() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        create(body);
        String token = TestTokens.specialist(userId);

        String etag = given().auth().oauth2(token).when().get("/api/v1/specialists/me")
                .then().statusCode(200).extract().header("ETag");
        assertThat(etag).matches("\"[0-9]+\"");

        String newEtag = given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("capacity", 5))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(200).body("capacity", equalTo(5))
                .extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);

        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("capacity", 1))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("currentEtag", equalTo(newEtag));
        given().auth().oauth2(token).when().get("/api/v1/specialists/me")
                .then().statusCode(200).body("capacity", equalTo(5)).header("ETag", newEtag);
    }

    private static boolean isSnapshot(JsonNode event, String id, long version) {
        return EventTypes.SPECIALIST_UPSERTED.equals(event.path("type").asText())
                && id.equals(event.path("subject").asText())
                && event.path("data").path("version").asLong() == version;
    }
}
