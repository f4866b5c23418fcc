package org.secondopinion.cases.ops;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** What an ops team scrapes and probes (DESIGN §9). */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        // another test may just have stopped and restarted the broker: readiness must come back by itself
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItems("Database connections health check", "Kafka connection health check")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentDescribesEveryCaseEndpointWithExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/cases/{id}/documents/{docId}/content"))
                .body(containsString("/api/v1/cases/{id}/opinion/submit"))
                .body(containsString("/api/v1/cases/{id}/access-log"))
                .body(containsString("Lumbar microdiscectomy"))          // the create example
                .body(containsString("Not PDF, JPEG, PNG, DICOM or plain text"));
    }

    @Test
    void prometheusShowsBusinessMetricsAndTheWorkQueues() {
        CaseApi.submittedSpineCase("patient-metrics");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("cases_submitted_total{"))
                .body(containsString("work_backlog{queue=\"outbox\"}"))
                .body(containsString("work_oldest_age_seconds{queue=\"claim-invitations\"}"))
                .body(containsString("http_server_requests_seconds"));
    }
}
