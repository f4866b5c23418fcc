package org.secondopinion.gateway;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.InMemoryTraces;
import org.secondopinion.infra.testing.TestTokens;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** DESIGN §9: a caller's W3C trace continues through the gateway to the service it reaches. */
@QuarkusTest
class TracePropagationTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theUpstreamCallContinuesTheCallersTrace() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        Response response = given().auth().oauth2(TestTokens.patient("patient-trace"))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .get("/api/v1/cases").then().statusCode(200).extract().response();

        // the upstream got the same trace, with the gateway's own span as its parent
        String upstreamParent = response.jsonPath().getString("headers.traceparent");
        assertThat(upstreamParent).startsWith("00-" + traceId + "-").doesNotContain(callerSpan);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = InMemoryTraces.ofTrace(spans, traceId);
            // one span per request at the edge: the gateway's server span, child of the caller's, parent of the
            // upstream's (no client span in between: it would only repeat the upstream's own server span)
            assertThat(trace).singleElement().satisfies(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(span.getParentSpanId()).isEqualTo(callerSpan);
                assertThat(upstreamParent).isEqualTo("00-" + traceId + "-" + span.getSpanId() + "-01");
            });
        });
    }

    @Test
    void withoutATraceTheGatewayStartsOne() {
        Response response = given().auth().oauth2(TestTokens.patient("patient-trace"))
                .get("/api/v1/specialties").then().statusCode(200).extract().response();
        assertThat(response.jsonPath().getString("headers.traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
