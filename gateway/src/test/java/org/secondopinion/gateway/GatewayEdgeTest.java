package org.secondopinion.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.RawHttp;
import org.secondopinion.infra.testing.TestTokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Limits and protections at the edge: rate limits, body size, circuit breaker, CORS, security headers, tracing. */
@QuarkusTest
class GatewayEdgeTest {

    private static final String WEB_ORIGIN = "https://app.second-opinion.test";

    @Test
    void clientOverItsRateLimitGets429WithRetryAfterAndRecovers() {
        String token = TestTokens.patient("patient-ratelimit");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/v1/test-limited/ping").then().statusCode(200);
        }

        Response refused = given().auth().oauth2(token).header("X-Request-Id", "limit-1")
                .when().get("/api/v1/test-limited/ping")
                .then().statusCode(429).contentType("application/problem+json").extract().response();

        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(refused.jsonPath().getString("requestId")).isEqualTo("limit-1");
        assertThat(refused.jsonPath().getString("instance")).isEqualTo("/api/v1/test-limited/ping");

        // one request's worth comes back each second (3 per 3 s)
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/api/v1/test-limited/ping").then().statusCode(200));
    }

    @Test
    void oneClientsLimitDoesNotSlowDownAnother() {
        String greedy = TestTokens.patient("patient-greedy");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(greedy).when().get("/api/v1/test-limited/ping").then().statusCode(200);
        }
        given().auth().oauth2(greedy).when().get("/api/v1/test-limited/ping").then().statusCode(429);

        given().auth().oauth2(TestTokens.patient("patient-patient")).when().get("/api/v1/test-limited/ping")
                .then().statusCode(200);
        // other routes keep their own budget for the same client
        given().auth().oauth2(greedy).when().get("/api/v1/specialties").then().statusCode(200);
    }

    @Test
    void clinicClientsShareTheirClinicsBudget() {
        String first = TestTokens.clinic("clinic9-app", "clinic9");
        String second = TestTokens.clinic("clinic9-batch", "clinic9");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(first).when().get("/api/v1/test-limited/referrals").then().statusCode(200);
        }

        given().auth().oauth2(second).when().get("/api/v1/test-limited/referrals").then().statusCode(429);
        given().auth().oauth2(TestTokens.clinic("clinic8-app", "clinic8"))
                .when().get("/api/v1/test-limited/referrals").then().statusCode(200);
    }

    @Test
    void bodyLargerThanTheRoutesLimitGets413ProblemWithoutReachingTheService() {
        Response response = given().auth().oauth2(TestTokens.patient("patient-bigbody"))
                .contentType(ContentType.BINARY).body(TestPayloads.bytes(2048, 3))
                .when().post("/api/v1/test-limited/upload")
                .then().statusCode(413).contentType("application/problem+json").extract().response();

        assertThat(response.jsonPath().getString("detail")).contains("1024 bytes");
    }

    @Test
    void bodyDeclaredOverTheGatewaysAbsoluteCapGets413ProblemBeforeAnyOfItIsRead() throws Exception {
        long cap = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .asLongValue();
        int before = UpstreamsTestResource.hits("case-service");
        // only the head goes out: the answer must neither wait for the body nor be Quarkus' empty 413
        try (Socket socket = RawHttp.send(RestAssured.port, "POST /api/v1/cases/x/upload HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TestTokens.patient("patient-huge") + "\r\n"
                + "X-Request-Id: huge-gw-1\r\nContent-Type: application/pdf\r\n"
                + "Content-Length: " + (cap + 1) + "\r\n\r\n")) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String head = RawHttp.readHead(in);
            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("huge-gw-1").containsIgnoringCase("x-content-type-options: nosniff");
            int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            String problem = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            assertThat(problem).contains("\"status\":413").contains(String.valueOf(cap))
                    .contains("\"instance\":\"/api/v1/cases/x/upload\"");
        }
        assertThat(UpstreamsTestResource.hits("case-service")).isEqualTo(before);
    }

    @Test
    void twentyMegabyteUploadAndDownloadPassWithChecksumsIntact() {
        String token = TestTokens.patient("patient1");
        byte[] upload = TestPayloads.bytes(TestPayloads.TWENTY_MB, 21);

        Response uploaded = given().auth().oauth2(token).contentType(ContentType.BINARY).body(upload)
                .when().post("/api/v1/cases/5e000000-0000-4000-8000-0000000000aa/upload")
                .then().statusCode(200).extract().response();
        byte[] downloaded = given().auth().oauth2(token)
                .queryParam("bytes", TestPayloads.TWENTY_MB).queryParam("seed", 22)
                .when().get("/api/v1/cases/5e000000-0000-4000-8000-0000000000aa/download")
                .then().statusCode(200).extract().asByteArray();

        assertThat(uploaded.jsonPath().getLong("bytes")).isEqualTo(TestPayloads.TWENTY_MB);
        assertThat(uploaded.jsonPath().getString("sha256")).isEqualTo(TestPayloads.sha256(upload));
        assertThat(TestPayloads.sha256(downloaded))
                .isEqualTo(TestPayloads.sha256(TestPayloads.bytes(TestPayloads.TWENTY_MB, 22)));
    }

    @Test
    void failingUpstreamOpensItsBreakerThenRecoversAfterTheCoolDown() {
        String token = TestTokens.coordinator("coordinator1");
        flaky("/__break");
        try {
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(token).when().get("/api/v1/test-flaky/queue")
                        .then().statusCode(502).contentType("application/problem+json");
            }
            int hitsWhenOpened = flakyHits();

            Response refused = given().auth().oauth2(token).when().get("/api/v1/test-flaky/queue")
                    .then().statusCode(503).contentType("application/problem+json").extract().response();

            assertThat(refused.jsonPath().getString("detail")).contains("test-flaky");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            // refused at the gateway: the failing service was not bothered again
            assertThat(flakyHits()).isEqualTo(hitsWhenOpened);
            // other upstreams are unaffected
            given().auth().oauth2(token).when().get("/api/v1/matches").then().statusCode(200);
        } finally {
            flaky("/__heal");
        }

        // after the 1 s cool-down a trial call goes through, succeeds, and closes the breaker
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/api/v1/test-flaky/queue").then().statusCode(200));
        given().auth().oauth2(token).when().get("/api/v1/test-flaky/queue").then().statusCode(200);
    }

    @Test
    void w3cTraceContextReachesTheService() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Response response = given().auth().oauth2(TestTokens.patient("patient1"))
                .header("traceparent", traceparent).header("tracestate", "so=1")
                .when().get("/api/v1/cases")
                .then().statusCode(200).extract().response();

        // the same trace, continued by the gateway's own span (TracePropagationTest looks at the spans)
        assertThat(response.jsonPath().getString("headers.traceparent"))
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").isNotEqualTo(traceparent);
        assertThat(response.jsonPath().getString("headers.tracestate")).isEqualTo("so=1");
    }

    @Test
    void corsPreflightFromTheWebAppIsAllowed() {
        given().header("Origin", WEB_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/cases")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", WEB_ORIGIN)
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"))
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsStringIgnoringCase("authorization"));
    }

    @Test
    void corsIsNotGrantedToOtherOrigins() {
        Response response = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/cases")
                .then().extract().response();

        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(response.statusCode()).isNotEqualTo(200);
    }

    @Test
    void proxiedAnswersToTheWebAppCarryCorsAndSecurityHeaders() {
        given().auth().oauth2(TestTokens.patient("patient1")).header("Origin", WEB_ORIGIN)
                .when().get("/api/v1/specialties")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", WEB_ORIGIN)
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-Request-Id"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Strict-Transport-Security", org.hamcrest.Matchers.startsWith("max-age="))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'none'"));
    }

    @Test
    void gatewaysOwnProblemsCarrySecurityHeaders() {
        given().when().get("/api/v1/cases")
                .then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void callersHangingUpNeitherOpenTheBreakerNorKeepTheUpstreamWaiting() throws Exception {
        String token = TestTokens.patient("patient-hangup");
        // more hang-ups than the route's breaker threshold (2), in the middle of a body and before any answer
        for (int i = 0; i < 3; i++) {
            try (Socket socket = openRequest(token, "/api/v1/test-hangup/stream")) {
                String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
            }
            int waitingBefore = hangupWaiting();
            try (Socket socket = openRequest(token, "/api/v1/test-hangup/wait")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> hangupWaiting() > waitingBefore);
            }
        }

        // the gateway ended each upstream exchange whose caller left before the answer
        await().atMost(Duration.ofSeconds(5)).until(() -> hangupWaiting() == 0);
        // and the route's breaker did not count the hang-ups as upstream failures
        given().auth().oauth2(token).when().get("/api/v1/test-hangup/ping").then().statusCode(200);
    }

    @Test
    void callersFoundGoneOnlyWhenTheirAnswerIsWrittenAreNotCountedAgainstTheUpstream() throws Exception {
        String token = TestTokens.patient("patient-gone");
        // as many callers as the route's breaker takes failures in a row (2)
        for (int i = 0; i < 2; i++) {
            try (Socket caller = RawHttp.send(RestAssured.port, "POST /api/v1/test-hangup/held HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")) {
                // the upstream reads none of the body: once every buffer on the way is full, the gateway stops
                // reading from the caller, so the caller's leaving (a reset) goes unnoticed until the answer
                fillUntilStalled(caller);
                assertThat(hangupHeld()).isEqualTo(1);
                caller.setSoLinger(true, 0);
            }
            // wrk at the end of a run and apps cancelling a refresh hit the same race under load
            URI url = URI.create(ConfigProvider.getConfig().getValue("so.gateway.routes.test-hangup.url", String.class));
            given().baseUri("http://" + url.getHost()).port(url.getPort()).when().post("/__release")
                    .then().statusCode(200);
        }
        // the gateway wrote into two closed connections: neither counted as a failure of the upstream
        given().auth().oauth2(token).when().get("/api/v1/test-hangup/ping").then().statusCode(200);
    }

    /** Writes body chunks until the connection takes no more for half a second. */
    private static void fillUntilStalled(Socket caller) {
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            byte[] chunk = ("1000\r\n" + "x".repeat(4096) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                OutputStream out = caller.getOutputStream();
                while (true) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException closed) {
                // the socket is closed by the test once nothing more goes through
            }
        });
        writer.setDaemon(true);
        writer.start();
        long[] seen = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = written.get();
            boolean stalled = now == seen[0];
            seen[0] = now;
            return stalled;
        });
    }

    @Test
    void aCallerLeavingAfterItsAnswerDoesNotCutOtherCallersExchanges() throws Exception {
        String token = TestTokens.patient("patient-keepalive");
        List<Socket> streams = new ArrayList<>();
        try (Socket done = openRequest(token, "/api/v1/test-hangup/ping")) {
            // the first caller has its whole answer and keeps the connection open (HTTP/1.1 keep-alive) ...
            InputStream doneInput = done.getInputStream();
            assertThat(RawHttp.readHead(doneInput)).startsWith("HTTP/1.1 200");
            assertThat(new String(doneInput.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("{}");
            // ... while other callers' bodies stream, one of them over the pooled upstream connection it used
            for (int i = 0; i < 4; i++) {
                Socket streaming = openRequest(token, "/api/v1/test-hangup/stream");
                streams.add(streaming);
                assertThat(RawHttp.readHead(streaming.getInputStream())).startsWith("HTTP/1.1 200");
            }
        } finally {
            // the first caller leaves
        }
        try {
            for (Socket streaming : streams) {
                // every stream goes on: a 1 KiB chunk per 50 ms, so 4 KiB more within a few seconds
                streaming.setSoTimeout(5000);
                assertThat(streaming.getInputStream().readNBytes(4096)).hasSize(4096);
            }
        } finally {
            for (Socket streaming : streams) {
                streaming.close();
            }
        }
    }

    private static Socket openRequest(String token, String path) throws IOException {
        return RawHttp.send(RestAssured.port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + token + "\r\n\r\n");
    }

    private static int hangupHeld() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("so.gateway.routes.test-hangup.url", String.class));
        return Integer.parseInt(given().baseUri("http://" + url.getHost()).port(url.getPort())
                .when().get("/__held").then().statusCode(200).extract().asString());
    }

    private static int hangupWaiting() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("so.gateway.routes.test-hangup.url", String.class));
        return Integer.parseInt(given().baseUri("http://" + url.getHost()).port(url.getPort())
                .when().get("/__waiting").then().statusCode(200).extract().asString());
    }

    private static void flaky(String command) {
        URI url = URI.create(ConfigProvider.getConfig().getValue("so.gateway.routes.test-flaky.url", String.class));
        given().baseUri("http://" + url.getHost()).port(url.getPort()).when().post(command).then().statusCode(200);
    }

    private static int flakyHits() {
        URI url = URI.create(ConfigProvider.getConfig().getValue("so.gateway.routes.test-flaky.url", String.class));
        return Integer.parseInt(given().baseUri("http://" + url.getHost()).port(url.getPort())
                .when().get("/__hits").then().statusCode(200).extract().asString());
    }
}
