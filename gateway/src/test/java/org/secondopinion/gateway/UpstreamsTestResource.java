package org.secondopinion.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for the four services on free ports, plus two test-only routes: one whose upstream never answers
 * ({@code /api/v1/test-slow}, 1 s timeout) and one whose upstream is not listening ({@code /api/v1/test-down}; and
 * {@code /api/v1/test-metrics-down}, whose breaker opens at the first failure).
 * <p>
 * Each stand-in answers {@code GET /__hits} (direct calls only) with how many requests it got; a path ending in
 * {@code /upload} with the SHA-256 of the body; {@code /download?bytes=N&seed=S} with {@link TestPayloads#bytes};
 * {@code /event-stream} with a one-event {@code text/event-stream}; anything else with a JSON echo of what arrived
 * (service, method, path, query, headers). The echo of the three calls {@code /api/v1/me} makes also carries the
 * real services' answer shape ({@link #answerFields}); for the caller {@value #DEGRADED_USER} the case list never
 * arrives in time and the unread count fails with a 500.
 * <p>
 * {@code /api/v1/test-limited} (3 requests, one back per second) and {@code /api/v1/test-flaky} (breaker opens after
 * 3 failures, 1 s cool-down) lead to further stand-ins; the flaky one is switched with {@code POST /__break} and
 * {@code POST /__heal} (direct calls) and, while broken, drops every connection without answering;
 * {@code /api/v1/test-hangup} (breaker opens after 2 failures) leads to an upstream that streams or waits forever,
 * for callers who hang up.
 */
public class UpstreamsTestResource implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("case-service", "specialist-service", "matching-service",
            "notification-service");

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            AtomicInteger hits = new AtomicInteger();
            int port = listen(request -> echo(service, hits, request));
            config.put("so.gateway.routes." + service + ".url", "http://127.0.0.1:" + port);
        }
        // accepts the request and never answers
        int slowPort = listen(request -> request.pause());
        config.put("so.gateway.routes.test-slow.url", "http://127.0.0.1:" + slowPort);
        config.put("so.gateway.routes.test-slow.prefixes", "/api/v1/test-slow");
        config.put("so.gateway.routes.test-slow.timeout", "1s");
        config.put("so.gateway.routes.test-down.url", "http://127.0.0.1:" + closedPort());
        config.put("so.gateway.routes.test-down.prefixes", "/api/v1/test-down");
        // not listening either, and its breaker opens after one failure: GatewayMetricsTest's alone
        config.put("so.gateway.routes.test-metrics-down.url", "http://127.0.0.1:" + closedPort());
        config.put("so.gateway.routes.test-metrics-down.prefixes", "/api/v1/test-metrics-down");
        config.put("so.gateway.routes.test-metrics-down.breaker.failure-threshold", "1");
        config.put("so.gateway.routes.test-metrics-down.breaker.cool-down", "10m");

        int limitedPort = listen(request -> echo("test-limited", new AtomicInteger(), request));
        config.put("so.gateway.routes.test-limited.url", "http://127.0.0.1:" + limitedPort);
        config.put("so.gateway.routes.test-limited.prefixes", "/api/v1/test-limited");
        config.put("so.gateway.routes.test-limited.rate-limit.capacity", "3");
        config.put("so.gateway.routes.test-limited.rate-limit.period", "3s");
        config.put("so.gateway.routes.test-limited.max-body-size", "1K");

        AtomicBoolean broken = new AtomicBoolean();
        AtomicInteger flakyHits = new AtomicInteger();
        int flakyPort = listen(request -> flaky(broken, flakyHits, request));
        config.put("so.gateway.routes.test-flaky.url", "http://127.0.0.1:" + flakyPort);
        config.put("so.gateway.routes.test-flaky.prefixes", "/api/v1/test-flaky");
        config.put("so.gateway.routes.test-flaky.breaker.failure-threshold", "3");
        config.put("so.gateway.routes.test-flaky.breaker.cool-down", "1s");

        AtomicInteger hangupWaiting = new AtomicInteger();
        List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
        int hangupPort = listen(request -> hangup(hangupWaiting, held, request));
        config.put("so.gateway.routes.test-hangup.url", "http://127.0.0.1:" + hangupPort);
        config.put("so.gateway.routes.test-hangup.prefixes", "/api/v1/test-hangup");
        config.put("so.gateway.routes.test-hangup.breaker.failure-threshold", "2");
        config.put("so.gateway.routes.test-hangup.breaker.cool-down", "30s");

        config.put("so.gateway.me.part-timeout", "500ms");
        return config;
    }

    /** How many requests a stand-in has had (asked directly, not through the gateway). */
    static int hits(String service) {
        URI url = URI.create(ConfigProvider.getConfig().getValue("so.gateway.routes." + service + ".url", String.class));
        return Integer.parseInt(RestAssured.given().baseUri("http://" + url.getHost()).port(url.getPort())
                .when().get("/__hits").then().statusCode(200).extract().asString());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    private int listen(io.vertx.core.Handler<HttpServerRequest> handler) {
        HttpServer server = await(vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture());
        return server.actualPort();
    }

    /**
     * {@code /stream} answers with headers and then a 1 KiB chunk every 50 ms for 5 s; {@code /wait} never answers
     * and counts as waiting until its connection closes ({@code GET /__waiting}, direct calls); {@code /held} reads
     * none of the request body and answers (two chunks, then drops the rest of the body) only on
     * {@code POST /__release} ({@code GET /__held} counts
     * them); anything else is 200.
     */
    private void hangup(AtomicInteger waiting, List<HttpServerRequest> held, HttpServerRequest request) {
        switch (request.path()) {
            case "/__waiting" -> request.response().end(String.valueOf(waiting.get()));
            case "/__held" -> request.response().end(String.valueOf(held.size()));
            case "/__release" -> {
                for (HttpServerRequest waitingRequest : held) {
                    held.remove(waitingRequest);
                    waitingRequest.response().setChunked(true).write("{\"released\":");
                    waitingRequest.response().end("true}");
                    // like a real server after an early answer: the rest of the body is read and dropped, so the
                    // connection can carry the next request
                    waitingRequest.handler(ignored -> { }).resume();
                }
                request.response().end();
            }
            case "/api/v1/test-hangup/held" -> {
                request.pause();
                held.add(request);
            }
            case "/api/v1/test-hangup/wait" -> {
                waiting.incrementAndGet();
                request.connection().closeHandler(closed -> waiting.decrementAndGet());
            }
            case "/api/v1/test-hangup/stream" -> {
                request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
                int[] chunks = {0};
                vertx.setPeriodic(0, 50, timer -> {
                    if (request.response().closed()) {
                        vertx.cancelTimer(timer);
                    } else if (++chunks[0] > 100) {
                        vertx.cancelTimer(timer);
                        request.response().end();
                    } else {
                        request.response().write(Buffer.buffer(TestPayloads.bytes(1024, timer)));
                    }
                });
            }
            default -> request.response().end("{}");
        }
    }

    private static void flaky(AtomicBoolean broken, AtomicInteger hits, HttpServerRequest request) {
        switch (request.path()) {
            case "/__break" -> {
                broken.set(true);
                request.response().end();
            }
            case "/__heal" -> {
                broken.set(false);
                request.response().end();
            }
            case "/__hits" -> request.response().end(String.valueOf(hits.get()));
            default -> {
                hits.incrementAndGet();
                if (broken.get()) {
                    request.connection().close();
                } else {
                    request.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("service", "test-flaky").encode());
                }
            }
        }
    }

    private void echo(String service, AtomicInteger hits, HttpServerRequest request) {
        if ("/__hits".equals(request.path())) {
            request.response().end(String.valueOf(hits.get()));
            return;
        }
        hits.incrementAndGet();
        if (request.path().endsWith("/upload")) {
            MessageDigest digest = sha256();
            long[] size = {0};
            request.handler(chunk -> {
                digest.update(chunk.getBytes());
                size[0] += chunk.length();
            });
            request.endHandler(v -> request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("sha256", HexFormat.of().formatHex(digest.digest()))
                            .put("bytes", size[0]).encode()));
            return;
        }
        if (request.path().endsWith("/quota-exceeded")) {
            // what a service answers when a quota is used up (platform/quota): 429, Retry-After and a problem body
            request.response().setStatusCode(429).putHeader("Retry-After", "3600")
                    .putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("type", "about:blank").put("title", "Too Many Requests").put("status", 429)
                            .put("detail", "upload quota of this case used up for today").encode());
            return;
        }
        if (request.path().endsWith("/event-stream")) {
            request.response().putHeader("Content-Type", "text/event-stream").end("data: {}\n\n");
            return;
        }
        if (request.path().endsWith("/download")) {
            int size = Integer.parseInt(request.getParam("bytes"));
            long seed = Long.parseLong(request.getParam("seed"));
            request.response().putHeader("Content-Type", "application/octet-stream")
                    .end(Buffer.buffer(TestPayloads.bytes(size, seed)));
            return;
        }
        boolean dashboardCall = !answerFields(request.path()).isEmpty();
        // the dashboard's own calls must carry the caller's token, the request id and the trace (DESIGN §9)
        if (dashboardCall && (subject(request) == null || request.getHeader("X-Request-Id") == null
                || request.getHeader("traceparent") == null)) {
            request.response().setStatusCode(401).end();
            return;
        }
        boolean degraded = DEGRADED_USER.equals(subject(request));
        if (degraded && "/api/v1/cases".equals(request.path())) {
            // far beyond the dashboard's part deadline; answers eventually so nothing leaks
            vertx.setTimer(3000, id -> request.response().end("{}"));
            return;
        }
        if (degraded && request.path().endsWith("/unread-count")) {
            request.response().setStatusCode(500).end();
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("service", service).put("method", request.method().name())
                            .put("path", request.path()).put("query", request.query())
                            .put("headers", headers).put("body", body.toString())
                            .mergeIn(answerFields(request.path())).encode());
        });
    }

    static final String DEGRADED_USER = "patient-degraded";

    /** What the real services put in the answers {@code /api/v1/me} reads. */
    private static JsonObject answerFields(String path) {
        return switch (path) {
            case "/api/v1/cases" -> new JsonObject()
                    .put("items", new JsonArray()
                            .add(new JsonObject().put("id", "c-1").put("reference", "SO-1").put("status", "SUBMITTED"))
                            .add(new JsonObject().put("id", "c-2").put("reference", "SO-2").put("status", "CANCELLED"))
                            .add(new JsonObject().put("id", "c-3").put("reference", "SO-3").put("status", "IN_REVIEW")))
                    .put("page", 0).put("size", 50).put("total", 3);
            case "/api/v1/notifications/unread-count" -> new JsonObject().put("count", 4);
            case "/api/v1/offers" -> new JsonObject()
                    .put("items", new JsonArray().add(new JsonObject().put("id", "o-1").put("caseReference", "SO-1")))
                    .put("page", 0).put("size", 20).put("total", 1);
            default -> new JsonObject();
        };
    }

    /** The token's {@code sub}, read without checking it: only the gateway's behaviour is under test here. */
    private static String subject(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .getString("sub");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on: bound once to learn a free number, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test upstream did not start", e);
        }
    }
}
