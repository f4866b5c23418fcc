package org.secondopinion.cases.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.InMemoryTraces;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN §9: one trace from a request to what it causes. The event a request writes to the outbox is published, later
 * and from another thread, with the request's trace context: in the CloudEvents {@code traceparent} attribute and
 * the Kafka {@code traceparent} header that consumers continue from.
 */
@QuarkusTest
class TracePropagationTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theEventOfASubmissionCarriesTheTraceOfTheRequest() {
        UUID id = CaseApi.createSpineCase("patient-trace");
        String traceId = hex(16);
        String callerSpan = hex(8);
        try (EventProbe events = EventProbe.on(Topics.CASE_EVENTS)) {
            given().auth().oauth2(TestTokens.patient("patient-trace")).contentType(ContentType.JSON)
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .body(CaseApi.CONSENT).post("/api/v1/cases/{id}/submit", id).then().statusCode(200);

            JsonNode submitted = events.await("case.submitted.v1", id.toString(), Duration.ofSeconds(20));
            assertThat(submitted.path("traceparent").asText()).startsWith("00-" + traceId + "-");
            assertThat(events.header(submitted, "traceparent")).isEqualTo(submitted.path("traceparent").asText());
        }
        // the request's server span is a child of the caller's
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(InMemoryTraces.ofTrace(spans, traceId))
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getParentSpanId()).isEqualTo(callerSpan);
                }));
    }

    @Test
    void eachRequestWithoutATraceStartsItsOwn() {
        UUID first = CaseApi.createSpineCase("patient-trace-2");
        UUID second = CaseApi.createSpineCase("patient-trace-2");
        try (EventProbe events = EventProbe.on(Topics.CASE_EVENTS)) {
            CaseApi.submit("patient-trace-2", first).statusCode(200);
            CaseApi.submit("patient-trace-2", second).statusCode(200);
            String one = events.await("case.submitted.v1", first.toString(), Duration.ofSeconds(20))
                    .path("traceparent").asText();
            String two = events.await("case.submitted.v1", second.toString(), Duration.ofSeconds(20))
                    .path("traceparent").asText();
            assertThat(one).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(two).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            // no context leaks from one request (or the relay's thread) into the next
            assertThat(one.substring(3, 35)).isNotEqualTo(two.substring(3, 35));
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
