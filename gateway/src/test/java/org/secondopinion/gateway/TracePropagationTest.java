package org.secondopinion.gateway;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.secondopinion.gateway.edge.ApiRouter;
import org.secondopinion.platform.web.RequestIds;
import org.secondopinion.infra.testing.InMemoryTraces;
import org.secondopinion.infra.testing.TestTokens;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

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
    void theGatewaysLogLineOfAProxiedRequestCarriesItsRequestIdAndTraceId() {
        String traceId = hex(16);
        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord line) {
                ExtLogRecord record = (ExtLogRecord) line;
                // the MDC as it is on the logging thread, now (read later, it would be the reading thread's)
                record.copyAll();
                lines.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ApiRouter.class.getName());
        logger.addHandler(capture);
        try {
            given().auth().oauth2(TestTokens.patient("patient-trace")).header("X-Request-Id", "trace-log-1")
                    .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                    .get("/api/v1/cases").then().statusCode(200);

            // the line written when the exchange is over (DESIGN §9: request id and trace id on every line)
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines)
                    .filteredOn(line -> "trace-log-1".equals(line.getMdc(RequestIds.MDC_KEY)))
                    .singleElement()
                    .satisfies(line -> assertThat(line.getMdc("traceId")).isEqualTo(traceId)));
        } finally {
            logger.removeHandler(capture);
        }
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
