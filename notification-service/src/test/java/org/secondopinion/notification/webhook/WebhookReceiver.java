package org.secondopinion.notification.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A clinic's webhook endpoint for tests: a real HTTP server on a free local port that records every request and
 * answers with the status code {@code answers} gives for the request's number (0 for the first); a test may
 * change the answers midway ({@link #answerAlways}).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: headers (lower-case names), the raw body, its status code and arrival time. */
    record Received(Map<String, String> headers, byte[] rawBody, int answered, Instant at) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String body() {
            return new String(rawBody, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator answers;

    private WebhookReceiver(IntUnaryOperator answers) throws IOException {
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                int status = this.answers.applyAsInt(count.getAndIncrement());
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
                headers.put(":method", exchange.getRequestMethod());
                headers.put(":path", exchange.getRequestURI().toString());
                received.add(new Received(Map.copyOf(headers), body, status, Instant.now()));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    public static WebhookReceiver alwaysOk() throws IOException {
        return new WebhookReceiver(n -> 200);
    }

    static WebhookReceiver always(int status) throws IOException {
        return new WebhookReceiver(n -> status);
    }

    /** Answers {@code status} to the first {@code failures} requests, 200 after. */
    static WebhookReceiver failingFirst(int failures, int status) throws IOException {
        return new WebhookReceiver(n -> n < failures ? status : 200);
    }

    /** From now on every request is answered with {@code status}. */
    void answerAlways(int status) {
        answers = n -> status;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/second-opinion";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
