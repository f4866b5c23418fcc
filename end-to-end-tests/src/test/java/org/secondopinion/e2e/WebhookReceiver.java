package org.secondopinion.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clinic's webhook endpoint for tests: records every call with its raw body and answers 204. */
final class WebhookReceiver implements AutoCloseable {

    record Call(String id, String timestamp, String signature, byte[] rawBody) {
        String body() {
            return new String(rawBody, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            calls.add(new Call(headers.getFirst("X-Webhook-Id"), headers.getFirst("X-Webhook-Timestamp"),
                    headers.getFirst("X-Signature"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
