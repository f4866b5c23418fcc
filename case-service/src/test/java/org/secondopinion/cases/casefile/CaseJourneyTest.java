package org.secondopinion.cases.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.RawHttp;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** A case from assignment to closing (DESIGN §4): records, questions, messages, opinion, rating, audit. */
@QuarkusTest
class CaseJourneyTest {

    private static final String SPECIALIST1_ID = "5e000000-0000-4000-8000-000000000001";

    @Inject
    CaseAutoCloser autoCloser;

    private static RequestSpecification patient(String p) {
        return given().auth().oauth2(TestTokens.patient(p));
    }

    private static RequestSpecification specialist1() {
        return given().auth().oauth2(TestTokens.specialist("specialist1"));
    }

    /** A submitted case that matching-service assigned to specialist1. */
    private static UUID assignedCase(String patientId) {
        UUID id = CaseApi.submittedSpineCase(patientId);
        EventProbe.send(Topics.MATCHING_EVENTS, id.toString(), envelope("match.assigned.v1", id, Map.of(
                "caseId", id.toString(), "caseReference", "SO-x", "patientId", patientId,
                "specialistId", SPECIALIST1_ID, "specialistUserId", "specialist1", "assignedAt", Instant.now().toString())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                CaseApi.get(TestTokens.patient(patientId), id).body("status", equalTo("ASSIGNED")));
        return id;
    }

    @Test
    void recordsAreTypedByContentLimitedInSizeAndDownloadedIntactByTheAssignedSpecialist() throws Exception {
        UUID id = assignedCase("patient-records");
        byte[] pdf = ("%PDF-1.7\n" + "x".repeat(300_000)).getBytes(StandardCharsets.US_ASCII);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));

        String location = patient("patient-records").multiPart("file", "mri report.pdf", pdf, "application/octet-stream")
                .multiPart("kind", "IMAGING_REPORT").post("/api/v1/cases/{id}/documents", id).then()
                .statusCode(201).body("sha256", equalTo(sha)).body("mediaType", equalTo("application/pdf"))
                .body("sizeBytes", equalTo(pdf.length)).extract().header("Location");

        byte[] downloaded = specialist1().get(location).then().statusCode(200)
                .header("Content-Type", containsString("application/pdf"))
                .header("Content-Disposition", containsString("mri%20report.pdf"))
                .extract().asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(downloaded))).isEqualTo(sha);
        given().auth().oauth2(TestTokens.specialist("specialist2")).get(location).then().statusCode(404);
        patient("patient-other").get("/api/v1/cases/{id}/documents", id).then().statusCode(404);

        // an executable renamed to .pdf is refused, whatever the client says it is
        patient("patient-records").multiPart("file", "scan.pdf", new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0}, "application/pdf")
                .post("/api/v1/cases/{id}/documents", id).then().statusCode(415).contentType("application/problem+json");
        // over the per-file limit (1 MiB in tests)
        patient("patient-records").multiPart("file", "big.txt", "a".repeat(1_100_000).getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/cases/{id}/documents", id).then().statusCode(413).contentType("application/problem+json");
        // over the per-case limit (1.5 MiB in tests): 300 kB held, 2 × 700 kB more does not fit
        patient("patient-records").multiPart("file", "a.txt", "a".repeat(700_000).getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/cases/{id}/documents", id).then().statusCode(201);
        patient("patient-records").multiPart("file", "b.txt", "b".repeat(700_000).getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/cases/{id}/documents", id).then().statusCode(413);
        patient("patient-records").get("/api/v1/cases/{id}/documents", id).then().statusCode(200).body("$", hasSize(2));
        // not a draft any more: records stay
        patient("patient-records").delete(location.replace("/content", "")).then().statusCode(409);
    }

    @Test
    void anUploadDeclaringMoreThanTheServerAcceptsGets413ProblemBeforeAnyOfItIsRead() throws Exception {
        UUID id = CaseApi.createSpineCase("patient-huge");
        long limit = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .asLongValue();
        // only the head goes out: the answer must not wait for (or read) the body
        try (Socket socket = RawHttp.send(RestAssured.port, "POST /api/v1/cases/" + id + "/documents HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TestTokens.patient("patient-huge") + "\r\n"
                + "X-Request-Id: huge-1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                + "Content-Length: " + (limit + 1) + "\r\n\r\n")) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String head = RawHttp.readHead(in);
            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("huge-1");
            int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            JsonNode problem = new ObjectMapper().readTree(in.readNBytes(length));
            assertThat(problem.path("status").asInt()).isEqualTo(413);
            assertThat(problem.path("detail").asText()).contains(String.valueOf(limit));
            assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/cases/" + id + "/documents");
        }
        patient("patient-huge").get("/api/v1/cases/{id}/documents", id).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void draftRecordsCanBeRemoved() {
        UUID id = CaseApi.createSpineCase("patient-remove");
        String location = patient("patient-remove").multiPart("file", "note.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/cases/{id}/documents", id).then().statusCode(201).extract().header("Location");
        patient("patient-remove").delete(location.replace("/content", "")).then().statusCode(204);
        patient("patient-remove").get(location).then().statusCode(404);
    }

    @Test
    void fromQuestionsToOpinionToRatingToClosing() {
        UUID id = assignedCase("patient-journey");
        try (EventProbe events = EventProbe.on(Topics.CASE_EVENTS)) {
            // the specialist asks; the case waits for the patient
            var asked = specialist1().contentType(ContentType.JSON).body(Map.of("question", "Any MRI after March?"))
                    .post("/api/v1/cases/{id}/information-requests", id).then().statusCode(201).extract();
            String requestId = asked.path("id");
            String question = asked.header("Location");
            assertThat(question).endsWith("/api/v1/cases/" + id + "/information-requests/" + requestId);
            patient("patient-journey").get(question).then().statusCode(200)
                    .body("question", equalTo("Any MRI after March?")).body("answer", nullValue());
            CaseApi.get(TestTokens.patient("patient-journey"), id).body("status", equalTo("AWAITING_INFORMATION"));
            events.await("case.information-requested.v1", id.toString(), Duration.ofSeconds(20));
            // the specialist cannot deliver while waiting
            specialist1().contentType(ContentType.JSON).body(Map.of("verdict", "CONCUR", "summary", "ok", "confidence", "HIGH"))
                    .put("/api/v1/cases/{id}/opinion", id).then().statusCode(200).body("status", equalTo("DRAFT"));
            specialist1().post("/api/v1/cases/{id}/opinion/submit", id).then().statusCode(409)
                    .body("currentState", equalTo("AWAITING_INFORMATION"));

            patient("patient-journey").contentType(ContentType.JSON).body(Map.of("answer", "Yes, in June; uploading it."))
                    .post("/api/v1/cases/{id}/information-requests/{rid}/response", id, requestId).then().statusCode(200);
            specialist1().get(question).then().statusCode(200).body("answer", equalTo("Yes, in June; uploading it."));
            CaseApi.get(TestTokens.patient("patient-journey"), id).body("status", equalTo("IN_REVIEW"));
            patient("patient-journey").contentType(ContentType.JSON).body(Map.of("answer", "again"))
                    .post("/api/v1/cases/{id}/information-requests/{rid}/response", id, requestId).then().statusCode(409);

            // the thread between the parties
            String message = patient("patient-journey").contentType(ContentType.JSON).body(Map.of("body", "Thank you, doctor."))
                    .post("/api/v1/cases/{id}/messages", id).then().statusCode(201).extract().header("Location");
            assertThat(message).contains("/api/v1/cases/" + id + "/messages/");
            specialist1().get(message).then().statusCode(200).body("body", equalTo("Thank you, doctor."))
                    .body("authorRole", equalTo("patient"));
            given().auth().oauth2(TestTokens.specialist("specialist2")).get(message).then().statusCode(404);
            specialist1().get("/api/v1/cases/{id}/messages", id).then().statusCode(200)
                    .body("body", hasItem("Thank you, doctor.")).body("authorRole", hasItem("patient"));
            given().auth().oauth2(TestTokens.specialist("specialist2")).get("/api/v1/cases/{id}/messages", id).then().statusCode(404);

            // the draft is the specialist's alone
            patient("patient-journey").get("/api/v1/cases/{id}/opinion", id).then().statusCode(404);
            specialist1().contentType(ContentType.JSON).body(Map.of(
                            "verdict", "RECOMMEND_ALTERNATIVE", "confidence", "MODERATE",
                            "summary", "Twelve weeks of physical therapy before surgery.",
                            "alternatives", List.of(Map.of("type", "CONSERVATIVE_THERAPY", "description", "PT and injections")),
                            "questionsForSurgeon", List.of("What is the re-herniation rate?")))
                    .put("/api/v1/cases/{id}/opinion", id).then().statusCode(200);
            specialist1().post("/api/v1/cases/{id}/opinion/submit", id).then().statusCode(200).body("status", equalTo("DELIVERED"));
            events.await("case.opinion-delivered.v1", id.toString(), Duration.ofSeconds(20));
            CaseApi.get(TestTokens.patient("patient-journey"), id).body("status", equalTo("OPINION_DELIVERED"));

            patient("patient-journey").get("/api/v1/cases/{id}/opinion", id).then().statusCode(200)
                    .body("verdict", equalTo("RECOMMEND_ALTERNATIVE")).body("alternatives[0].type", equalTo("CONSERVATIVE_THERAPY"));
            // immutable; addenda instead
            specialist1().contentType(ContentType.JSON).body(Map.of("verdict", "CONCUR", "summary", "x", "confidence", "LOW"))
                    .put("/api/v1/cases/{id}/opinion", id).then().statusCode(409);
            String addendum = specialist1().contentType(ContentType.JSON).body(Map.of("body", "New study supports PT."))
                    .post("/api/v1/cases/{id}/opinion/addenda", id).then().statusCode(201).extract().header("Location");
            assertThat(addendum).contains("/api/v1/cases/" + id + "/opinion/addenda/");
            patient("patient-journey").get(addendum).then().statusCode(200).body("body", equalTo("New study supports PT."));
            patient("patient-journey").get("/api/v1/cases/{id}/opinion", id).then().body("addenda[0].body", equalTo("New study supports PT."));

            // rating: once, 1..5, stars only travel on
            patient("patient-journey").contentType(ContentType.JSON).body(Map.of("stars", 6))
                    .post("/api/v1/cases/{id}/rating", id).then().statusCode(400).body("violations.field", hasItem(containsString("stars")));
            patient("patient-journey").get("/api/v1/cases/{id}/rating", id).then().statusCode(404);
            String rating = patient("patient-journey").contentType(ContentType.JSON)
                    .body(Map.of("stars", 5, "comment", "Saved me a surgery, Dr. Okafor"))
                    .post("/api/v1/cases/{id}/rating", id).then().statusCode(201).extract().header("Location");
            assertThat(rating).endsWith("/api/v1/cases/" + id + "/rating");
            patient("patient-journey").get(rating).then().statusCode(200).body("stars", equalTo(5))
                    .body("comment", equalTo("Saved me a surgery, Dr. Okafor"));
            patient("patient-journey").contentType(ContentType.JSON).body(Map.of("stars", 4))
                    .post("/api/v1/cases/{id}/rating", id).then().statusCode(409);
            JsonNode rated = events.await("case.rated.v1", id.toString(), Duration.ofSeconds(20));
            assertThat(rated.path("data").path("stars").asInt()).isEqualTo(5);
            assertThat(rated.toString()).doesNotContain("Okafor");

            patient("patient-journey").post("/api/v1/cases/{id}/close", id).then().statusCode(200).body("status", equalTo("CLOSED"));
            events.await("case.closed.v1", id.toString(), Duration.ofSeconds(20));
        }

        // "who looked at my case"
        patient("patient-journey").get("/api/v1/cases/{id}/access-log", id).then().statusCode(200)
                .body("items.action", hasItems("SUBMIT", "REQUEST_INFORMATION", "WRITE", "READ"))
                .body("items.actorId", hasItems("specialist1", "patient-journey"));
        given().auth().oauth2(TestTokens.admin("admin1")).get("/api/v1/cases/{id}/access-log", id).then().statusCode(200);
        patient("patient-other").get("/api/v1/cases/{id}/access-log", id).then().statusCode(404);
        specialist1().get("/api/v1/cases/{id}/access-log", id).then().statusCode(403);
    }

    @Test
    void casesCloseByThemselvesAfterTheConfiguredTime() {
        UUID id = assignedCase("patient-autoclose");
        specialist1().contentType(ContentType.JSON).body(Map.of("verdict", "CONCUR", "summary", "Surgery is reasonable.",
                "confidence", "HIGH")).put("/api/v1/cases/{id}/opinion", id).then().statusCode(200);
        specialist1().post("/api/v1/cases/{id}/opinion/submit", id).then().statusCode(200);
        autoCloser.closeDue(Instant.now());
        CaseApi.get(TestTokens.patient("patient-autoclose"), id).body("status", equalTo("OPINION_DELIVERED"));
        autoCloser.closeDue(Instant.now().plus(Duration.ofDays(15)));
        CaseApi.get(TestTokens.patient("patient-autoclose"), id).body("status", equalTo("CLOSED"));
    }

    private static String envelope(String type, UUID subject, Map<String, Object> data) {
        return CaseApi.matchingEvent(type, subject, data);
    }
}
