package org.secondopinion.cases.referral;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.GreenMailTestResource;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.secondopinion.cases.referral.ReferralApi.claim;
import static org.secondopinion.cases.referral.ReferralApi.clinic;
import static org.secondopinion.cases.referral.ReferralApi.refer;
import static org.secondopinion.cases.referral.ReferralApi.referral;
import static org.secondopinion.cases.referral.ReferralApi.total;

@QuarkusTest
class ReferralResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CODE = "[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}";

    @Inject
    DataSource db;

    @Test
    void aReferralWithoutConsentWaitsAsDraftUntilThePatientClaimsAndSubmits() throws Exception {
        String email = "ana.claim@example.org";
        try (EventProbe events = EventProbe.on(Topics.CASE_EVENTS)) {
            var created = refer("clinic-a", UUID.randomUUID().toString(), referral("ORD-CLAIM-1", email, false))
                    .statusCode(201)
                    .header("Location", containsString("/api/v1/referrals/"))
                    .body("status", equalTo("DRAFT"))
                    .body("clinicReference", equalTo("ORD-CLAIM-1"))
                    .body("caseReference", matchesPattern("SO-\\d{4}-\\d{6}"))
                    .body("claimed", equalTo(false))
                    .body("claimCode", matchesPattern(CODE))
                    .extract();
            String id = created.path("id");
            String code = created.path("claimCode");
            String caseReference = created.path("caseReference");

            // the event names the clinic and the case, never the patient
            JsonNode referred = events.await(e -> "case.referred.v1".equals(e.path("type").asText())
                    && id.equals(e.path("data").path("referralId").asText()), WAIT);
            assertThat(referred.path("data").path("clinicId").asText()).isEqualTo("clinic-a");
            assertThat(referred.path("data").path("status").asText()).isEqualTo("DRAFT");
            assertThat(referred.toString()).doesNotContain("Silva", "Ana", email, "1971-03-14", "+14155550123");

            // the patient gets the code by e-mail: no diagnosis, no procedure
            await().atMost(WAIT).until(() -> !GreenMailTestResource.mailTo(email).isEmpty());
            MimeMessage mail = GreenMailTestResource.mailTo(email).get(0);
            String text = mail.getContent().toString();
            assertThat(text).contains(code, caseReference).doesNotContain("osteoarthritis", "27447", "M17.11", "knee");

            // the clinic reads the status, but never the code again
            clinic("clinic-a").get("/api/v1/referrals/{id}", id).then().statusCode(200)
                    .body("status", equalTo("DRAFT")).body("claimCode", nullValue());

            // the patient claims (typed loosely), the case is theirs, then they consent and submit
            String caseId = claim("patient-ana", code.toLowerCase().replace("-", " ")).statusCode(200)
                    .body("reference", equalTo(caseReference))
                    .body("origin", equalTo("CLINIC_REFERRAL"))
                    .body("status", equalTo("DRAFT"))
                    .body("diagnosis.code", equalTo("M17.11"))
                    .extract().path("id");
            JsonNode claimed = events.await("case.claimed.v1", caseId, WAIT);
            assertThat(claimed.path("data").path("patientId").asText()).isEqualTo("patient-ana");
            CaseApi.submit("patient-ana", UUID.fromString(caseId)).statusCode(200).body("status", equalTo("SUBMITTED"));
            JsonNode submitted = events.await("case.submitted.v1", caseId, WAIT);
            assertThat(submitted.path("data").path("patientId").asText()).isEqualTo("patient-ana");

            clinic("clinic-a").get("/api/v1/referrals/{id}", id).then().statusCode(200)
                    .body("status", equalTo("SUBMITTED")).body("claimed", equalTo(true));
            // single use: nobody else can take it
            claim("patient-mallory", code).statusCode(404).contentType("application/problem+json");
            CaseApi.get(TestTokens.patient("patient-mallory"), UUID.fromString(caseId)).statusCode(404);
            // and a claimed referral gets no new code
            clinic("clinic-a").post("/api/v1/referrals/{id}/claim-code", id).then().statusCode(409);
        }
    }

    @Test
    void withAttestedConsentTheCaseIsSubmittedAtOnceAndReferredComesFirst() {
        try (EventProbe events = EventProbe.on(Topics.CASE_EVENTS)) {
            var created = refer("clinic-a", null, referral("ORD-ATTESTED-1", "ben@example.org", true))
                    .statusCode(201).body("status", equalTo("SUBMITTED")).body("consentAttested", equalTo(true))
                    .body("claimCode", matchesPattern(CODE)).extract();
            String id = created.path("id");
            JsonNode referred = events.await(e -> "case.referred.v1".equals(e.path("type").asText())
                    && id.equals(e.path("data").path("referralId").asText()), WAIT);
            String caseId = referred.path("subject").asText();
            JsonNode submitted = events.await("case.submitted.v1", caseId, WAIT);
            assertThat(submitted.path("data").path("patientId").isNull()).isTrue();
            assertThat(submitted.path("data").path("procedureCode").asText()).isEqualTo("27447");
            List<String> order = events.drain(Duration.ofMillis(200)).stream()
                    .filter(e -> caseId.equals(e.path("subject").asText())).map(e -> e.path("type").asText()).toList();
            assertThat(order).containsSubsequence("case.referred.v1", "case.submitted.v1");
        }
    }

    @Test
    void attestedConsentNeedsTheFormVersion() {
        long before = total("clinic-a");
        Map<String, Object> body = referral("ORD-NOVERSION", "c@example.org", true);
        body.put("consent", Map.of("attested", true));
        refer("clinic-a", null, body).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("consent.version"));
        assertThat(total("clinic-a")).isEqualTo(before);
    }

    @Test
    void badInputIsNamedAndNothingIsStored() {
        long before = total("clinic-a");
        Map<String, Object> body = referral("ORD-BAD-1", "not-an-email", false);
        body.put("procedure", Map.of("code", "2744", "text", "x"));
        refer("clinic-a", UUID.randomUUID().toString(), body).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("patient.contact.email")))
                .body("violations.field", hasItem(containsString("procedure.code")));
        Map<String, Object> noPatient = referral("ORD-BAD-2", "x@example.org", false);
        noPatient.remove("patient");
        refer("clinic-a", null, noPatient).statusCode(400).body("violations.field", hasItem(containsString("patient")));
        clinic("clinic-a").contentType(ContentType.JSON).body("{\"clinicReference\": 12, ").post("/api/v1/referrals")
                .then().statusCode(400).contentType("application/problem+json");
        refer("clinic-a", "key with spaces", referral("ORD-BAD-3", "x@example.org", false)).statusCode(400)
                .body("violations.field", hasItem("Idempotency-Key"));
        assertThat(total("clinic-a")).isEqualTo(before);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = referral("ORD-IDEM-1", "idem@example.org", false);
        long before = total("clinic-b");
        var first = refer("clinic-b", key, body).statusCode(201).extract();
        var again = refer("clinic-b", key, body).statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(total("clinic-b")).isEqualTo(before + 1);

        // the same key with another body is a client bug, not a retry
        refer("clinic-b", key, referral("ORD-IDEM-2", "idem@example.org", false)).statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("Idempotency-Key"));
        // another clinic's identical key is its own
        refer("clinic-c", key, body).statusCode(201).header("Idempotent-Replayed", nullValue());
        // a new key for the same clinic reference is a duplicate referral
        refer("clinic-b", UUID.randomUUID().toString(), body).statusCode(409)
                .body("referralId", equalTo(first.path("id")));
        assertThat(total("clinic-b")).isEqualTo(before + 1);
    }

    @Test
    void concurrentDuplicatesCreateOneReferral() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = referral("ORD-RACE-1", "race@example.org", true);
        long before = total("clinic-race");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> refer("clinic-race", key, body).statusCode(201).extract().path("id"));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(total("clinic-race")).isEqualTo(before + 1);
    }

    @Test
    void aClinicSeesOnlyItsOwnReferrals() {
        String id = refer("clinic-own", null, referral("ORD-OWN-1", "own@example.org", false)).statusCode(201)
                .extract().path("id");
        clinic("clinic-other").get("/api/v1/referrals/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        clinic("clinic-other").post("/api/v1/referrals/{id}/claim-code", id).then().statusCode(404);
        clinic("clinic-other").get("/api/v1/referrals").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        clinic("clinic-own").get("/api/v1/referrals").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.clinicReference", everyItem(notNullValue()));
        // the case itself is nobody's to read until claimed, not even the referring clinic's via the case API
        given().auth().oauth2(TestTokens.clinic("clinic-own", "clinic-own")).get("/api/v1/cases").then().statusCode(403);
    }

    @Test
    void onlyPartnerClinicsRefer() {
        Map<String, Object> body = referral("ORD-ROLE-1", "role@example.org", false);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/referrals").then().statusCode(401);
        given().auth().oauth2(TestTokens.patient("patient-x")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/referrals").then().statusCode(403);
        String noClinicId = TestTokens.of("stray-client", "clinic");
        given().auth().oauth2(noClinicId).contentType(ContentType.JSON).body(body)
                .post("/api/v1/referrals").then().statusCode(403).body("detail", containsString("clinic_id"));
        // a clinic cannot claim cases
        given().auth().oauth2(TestTokens.clinic("clinic-a", "clinic-a")).contentType(ContentType.JSON)
                .body(Map.of("code", "AAAA-BBBB-CCCC")).post("/api/v1/cases/claim").then().statusCode(403);
    }

    @Test
    void aClinicTokenFetchedByAClientThatIsNotAPartnerClinicsMayNotReferAndStoresNothing() {
        long before = total("clinic-azp");
        Map<String, Object> body = referral("ORD-AZP-1", "azp@example.org", false);
        // the clinic role and clinic_id, but issued to the users' public client, or naming no client at all
        for (String token : new String[]{TestTokens.clinicIssuedTo(TestTokens.USER_CLIENT, "client-azp", "clinic-azp"),
                TestTokens.clinicIssuedTo(null, "client-azp", "clinic-azp")}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID())
                    .body(body).post("/api/v1/referrals")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("client"));
            given().auth().oauth2(token).get("/api/v1/referrals").then().statusCode(403);
        }
        assertThat(total("clinic-azp")).isEqualTo(before);
    }

    @Test
    void anExpiredCodeIsGoneAndANewOneReplacesIt() throws Exception {
        var created = refer("clinic-a", null, referral("ORD-EXPIRY-1", "expiry@example.org", false)).statusCode(201)
                .extract();
        String id = created.path("id");
        String oldCode = created.path("claimCode");
        try (Connection c = db.getConnection(); PreparedStatement expire = c.prepareStatement(
                "UPDATE referral SET claim_code_expires_at = now() - interval '1 minute' WHERE id = ?")) {
            expire.setObject(1, UUID.fromString(id));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        claim("patient-late", oldCode).statusCode(410).contentType("application/problem+json")
                .body("detail", containsString("ask your clinic"));

        String newCode = clinic("clinic-a").post("/api/v1/referrals/{id}/claim-code", id).then().statusCode(200)
                .body("claimCode", matchesPattern(CODE)).extract().path("claimCode");
        assertThat(newCode).isNotEqualTo(oldCode);
        claim("patient-late", oldCode).statusCode(404);
        claim("patient-late", newCode).statusCode(200).body("status", equalTo("DRAFT"));
        await().atMost(WAIT).until(() -> GreenMailTestResource.mailTo("expiry@example.org").stream()
                .anyMatch(m -> body(m).contains(newCode)));
    }

    @Test
    void unknownCodesAndBadClaimsAreClearAnswers() {
        claim("patient-guess", "ZZZZ-ZZZZ-ZZZZ").statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.patient("patient-guess")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/cases/claim").then().statusCode(400).body("violations.field", hasItem(containsString("code")));
    }

    private static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
