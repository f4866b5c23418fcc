package org.secondopinion.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator reads off the gateway's /q/metrics (the alerts in deploy/kubernetes/components/monitoring are
 * written against these names): each kind of answer is counted under its route, method and status class, and
 * the failures under their kind. Counts are compared before and after, since the tests share one application.
 */
@QuarkusTest
class GatewayMetricsTest {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Test
    void answeredRequestsAreCountedByRouteMethodAndStatusClassWithLatency() {
        String token = TestTokens.patient("patient-metrics-ok");
        Metrics before = Metrics.scrape();

        given().auth().oauth2(token).when().get("/api/v1/specialties").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().post("/api/v1/cases").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics after = Metrics.scrape();
            assertThat(after.delta(before, "gateway_requests_total",
                    "route", "specialist-service", "method", "GET", "status_class", "2xx")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_requests_total",
                    "route", "case-service", "method", "POST", "status_class", "2xx")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_request_duration_seconds_count",
                    "route", "specialist-service", "operation", "read")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_request_duration_seconds_count",
                    "route", "case-service", "operation", "write")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_upstream_duration_seconds_count",
                    "service", "specialist-service")).isEqualTo(1);
            // a histogram, for p99 and the latency objectives: the +Inf bucket holds every request
            assertThat(after.delta(before, "gateway_request_duration_seconds_bucket",
                    "route", "specialist-service", "operation", "read", "le", "+Inf")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_request_duration_seconds_bucket",
                    "route", "specialist-service", "operation", "read", "le", "60.0")).isEqualTo(1);
        });
    }

    /** From a slow bucket on the dashboard to the request's trace: the latency histogram carries trace ids. */
    @Test
    void latencyBucketsCarryTheTraceIdOfARequestAsAnExemplar() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        // a bucket keeps its exemplar for a few seconds (the registry's exemplar sampler), so an earlier test's request
        // in the same bucket can hold it: the traced request is sent again until its trace id is the one kept
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            given().auth().oauth2(TestTokens.patient("patient-metrics-exemplar"))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .when().get("/api/v1/specialties/exemplar").then().statusCode(200);
            String text = given().accept("application/openmetrics-text; version=1.0.0; charset=utf-8")
                    .when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(text.lines().filter(l -> l.startsWith("gateway_request_duration_seconds_bucket{")
                    && l.contains("route=\"specialist-service\"") && l.contains("trace_id=\"" + traceId + "\"")))
                    .isNotEmpty();
        });
    }

    @Test
    void eventStreamsAreTimedApartFromReads() {
        String token = TestTokens.patient("patient-metrics-sse");
        Metrics before = Metrics.scrape();

        given().auth().oauth2(token).when().get("/api/v1/notifications/event-stream").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics after = Metrics.scrape();
            assertThat(after.delta(before, "gateway_request_duration_seconds_count",
                    "route", "notification-service", "operation", "stream")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_request_duration_seconds_count",
                    "route", "notification-service", "operation", "read")).isEqualTo(0);
        });
    }

    @Test
    void unknownPathsAreCountedUnderOneRouteNotTheirPath() {
        String token = TestTokens.patient("patient-metrics-404");
        Metrics before = Metrics.scrape();

        given().auth().oauth2(token).when().get("/api/v1/no-such-thing/12345").then().statusCode(404);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Metrics.scrape().delta(before,
                "gateway_requests_total", "route", "unmatched", "method", "GET", "status_class", "4xx"))
                .isEqualTo(1));
    }

    @Test
    void rejectedTokensAreCountedByReason() {
        Metrics before = Metrics.scrape();

        given().when().get("/api/v1/cases").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/api/v1/cases").then().statusCode(401);
        given().auth().oauth2(expiredToken("patient-metrics-expired")).when().get("/api/v1/cases").then()
                .statusCode(401);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics after = Metrics.scrape();
            assertThat(after.delta(before, "gateway_token_rejections_total", "reason", "missing")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_token_rejections_total", "reason", "invalid")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_token_rejections_total", "reason", "expired")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_requests_total",
                    "route", "case-service", "method", "GET", "status_class", "4xx")).isEqualTo(3);
        });
    }

    @Test
    void rateLimitedRequestsAreCountedByTheLimitReached() {
        String token = TestTokens.patient("patient-metrics-429");
        Metrics before = Metrics.scrape();

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/v1/test-limited/ping").then().statusCode(200);
        }
        given().auth().oauth2(token).when().get("/api/v1/test-limited/ping").then().statusCode(429);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics after = Metrics.scrape();
            assertThat(after.delta(before, "gateway_rate_limited_total", "limit", "test-limited")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_requests_total",
                    "route", "test-limited", "method", "GET", "status_class", "4xx")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_requests_total",
                    "route", "test-limited", "method", "GET", "status_class", "2xx")).isEqualTo(3);
        });
    }

    @Test
    void upstreamFailuresAreCountedByKindAndTheBreakerStateIsExported() {
        String token = TestTokens.patient("patient-metrics-down");
        Metrics before = Metrics.scrape();
        assertThat(before.value("gateway_breaker_state", "route", "test-metrics-down", "state", "closed"))
                .isEqualTo(1);

        // nothing listens: refused (503), which opens this route's breaker; the next call is refused by the breaker
        given().auth().oauth2(token).when().get("/api/v1/test-metrics-down/x").then().statusCode(503);
        given().auth().oauth2(token).when().get("/api/v1/test-metrics-down/x").then().statusCode(503);
        // an upstream that never answers: 504 after the route's 1 s timeout
        given().auth().oauth2(token).when().get("/api/v1/test-slow/x").then().statusCode(504);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Metrics after = Metrics.scrape();
            assertThat(after.delta(before, "gateway_upstream_failures_total",
                    "service", "test-metrics-down", "kind", "refused")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_upstream_failures_total",
                    "service", "test-metrics-down", "kind", "breaker_open")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_upstream_failures_total",
                    "service", "test-slow", "kind", "timeout")).isEqualTo(1);
            assertThat(after.delta(before, "gateway_requests_total",
                    "route", "test-metrics-down", "method", "GET", "status_class", "5xx")).isEqualTo(2);
            assertThat(after.delta(before, "gateway_requests_total",
                    "route", "test-slow", "method", "GET", "status_class", "5xx")).isEqualTo(1);
            assertThat(after.value("gateway_breaker_state", "route", "test-metrics-down", "state", "open"))
                    .isEqualTo(1);
            assertThat(after.value("gateway_breaker_state", "route", "test-metrics-down", "state", "closed"))
                    .isEqualTo(0);
        });
    }

    @Test
    void labelsNeverCarryPathsOrCallersAndTheJvmIsMeasuredToo() {
        given().auth().oauth2(TestTokens.patient("patient-metrics-labels")).when()
                .get("/api/v1/cases/case-zq-id").then().statusCode(200);

        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(text).contains("jvm_memory_used_bytes");
        // the samples without their exemplars: a trace or span id is random hex and may hold any digits
        List<String> gatewayLines = text.lines().filter(l -> l.startsWith("gateway_"))
                .map(l -> l.contains(" # ") ? l.substring(0, l.indexOf(" # ")) : l).toList();
        assertThat(gatewayLines).isNotEmpty();
        assertThat(gatewayLines).noneMatch(l -> l.contains("/api/") || l.contains("case-zq")
                || l.contains("patient-metrics"));
        Set<String> routes = new java.util.TreeSet<>();
        for (String line : gatewayLines) {
            Matcher m = Pattern.compile("route=\"([^\"]*)\"").matcher(line);
            if (m.find()) {
                routes.add(m.group(1));
            }
        }
        assertThat(routes).contains("case-service", "specialist-service", "matching-service",
                "notification-service", "me", "unmatched");
    }

    /** Signed by the test issuer like TestTokens' tokens, but expired ten minutes ago. */
    private static String expiredToken(String subject) {
        return Jwt.preferredUserName(subject).subject(subject).groups(Set.of("patient"))
                .issuer("https://server.example.com").audience(TestTokens.AUDIENCE)
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600))
                .jws().keyId("1").sign("privateKey.jwk");
    }

    /** One scrape of /q/metrics: every sample with its labels. */
    private record Metrics(Map<String, List<Sample>> byName) {

        record Sample(Map<String, String> labels, double value) {
        }

        static Metrics scrape() {
            String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            Map<String, List<Sample>> byName = new HashMap<>();
            for (String line : text.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                // the first '}' closes the labels: a histogram sample may end in an exemplar ("# {trace_id=...} ...")
                int close = line.indexOf('}');
                String name = brace < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, brace);
                Map<String, String> labels = new HashMap<>();
                if (brace >= 0) {
                    Matcher m = LABEL.matcher(line.substring(brace, close + 1));
                    while (m.find()) {
                        labels.put(m.group(1), m.group(2));
                    }
                }
                String rest = line.substring(brace < 0 ? line.indexOf(' ') + 1 : close + 2).trim();
                double value = Double.parseDouble(rest.split(" ")[0]);
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(labels, value));
            }
            return new Metrics(byName);
        }

        /** The value of the one series of {@code name} carrying these labels (0 when it does not exist yet). */
        double value(String name, String... labels) {
            List<Sample> matching = new ArrayList<>();
            for (Sample sample : byName.getOrDefault(name, List.of())) {
                boolean all = true;
                for (int i = 0; i < labels.length; i += 2) {
                    all &= labels[i + 1].equals(sample.labels().get(labels[i]));
                }
                if (all) {
                    matching.add(sample);
                }
            }
            assertThat(matching).as("series %s%s", name, List.of(labels)).hasSizeLessThanOrEqualTo(1);
            return matching.isEmpty() ? 0 : matching.get(0).value();
        }

        double delta(Metrics before, String name, String... labels) {
            return value(name, labels) - before.value(name, labels);
        }
    }
}
