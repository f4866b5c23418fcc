package org.secondopinion.notification.delivery.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.delivery.Channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP adapter against a real local HTTP server (the fault-tolerance interceptors are not active here). */
class HttpMessagingProviderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final CopyOnWriteArrayList<Map<String, Object>> bodies = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);
    private HttpServer server;

    @BeforeEach
    void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/messages", exchange -> {
            bodies.add(json.readValue(exchange.getRequestBody().readAllBytes(), Map.class));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
    }

    @Test
    void postsTheMessageWithTheConfiguredCredentials() throws Exception {
        provider().send(Channel.SMS, "+14155550100", "Your case SO-2026-000001 has an update — sign in to read it.");

        assertThat(bodies).containsExactly(Map.of("channel", "SMS", "to", "+14155550100",
                "text", "Your case SO-2026-000001 has an update — sign in to read it."));
        assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder()
                .encodeToString("so-user:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aServerErrorIsAFailureToRetry() {
        status.set(503);

        assertThatThrownBy(() -> provider().send(Channel.PUSH, "device-a", "text"))
                .isInstanceOf(IOException.class).hasMessageContaining("503")
                .isNotInstanceOf(HttpMessagingProvider.ProviderRejectedException.class);
    }

    @Test
    void aRefusalIsNotRetriedInTheCall() {
        status.set(400);

        assertThatThrownBy(() -> provider().send(Channel.SMS, "+1", "text"))
                .isInstanceOf(HttpMessagingProvider.ProviderRejectedException.class).hasMessageContaining("400");
    }

    @Test
    void withoutAUrlNothingIsSent() {
        HttpMessagingProvider unconfigured = new HttpMessagingProvider(json, Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> unconfigured.send(Channel.SMS, "+14155550100", "text"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("so.messaging.http.url");
        assertThat(bodies).isEmpty();
    }

    private HttpMessagingProvider provider() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages");
        return new HttpMessagingProvider(json, Optional.of(url), Optional.of("so-user"), Optional.of("s3cret"));
    }
}
