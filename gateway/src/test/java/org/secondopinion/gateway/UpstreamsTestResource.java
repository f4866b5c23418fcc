package org.secondopinion.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for the four services on free ports, plus two test-only routes: one whose upstream never answers
 * ({@code /api/v1/test-slow}, 1 s timeout) and one whose upstream is not listening ({@code /api/v1/test-down}).
 * <p>
 * Each stand-in answers {@code GET /__hits} (direct calls only) with how many requests it got; a path ending in
 * {@code /upload} with the SHA-256 of the body; {@code /download?bytes=N&seed=S} with {@link TestPayloads#bytes};
 * anything else with a JSON echo of what arrived (service, method, path, query, headers).
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
            config.put("gateway.routes." + service + ".url", "http://127.0.0.1:" + port);
        }
        // accepts the request and never answers
        int slowPort = listen(request -> request.pause());
        config.put("gateway.routes.test-slow.url", "http://127.0.0.1:" + slowPort);
        config.put("gateway.routes.test-slow.prefixes", "/api/v1/test-slow");
        config.put("gateway.routes.test-slow.timeout", "1s");
        config.put("gateway.routes.test-down.url", "http://127.0.0.1:" + closedPort());
        config.put("gateway.routes.test-down.prefixes", "/api/v1/test-down");
        return config;
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

    private static void echo(String service, AtomicInteger hits, HttpServerRequest request) {
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
        if (request.path().endsWith("/download")) {
            int size = Integer.parseInt(request.getParam("bytes"));
            long seed = Long.parseLong(request.getParam("seed"));
            request.response().putHeader("Content-Type", "application/octet-stream")
                    .end(Buffer.buffer(TestPayloads.bytes(size, seed)));
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("service", service).put("method", request.method().name())
                            .put("path", request.path()).put("query", request.query())
                            .put("headers", headers).put("body", body.toString()).encode());
        });
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
