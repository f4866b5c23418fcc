package org.secondopinion.infra.testing;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract check sees every 201: one without a Location header fails the test that received it. */
class OpenApiContractFilterTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/things": {"post": {"responses": {"201": {"description": "created"}}}},
              "/located-things": {"post": {"responses": {"201": {"description": "created"}}}}}}
            """;

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/openapi", exchange -> {
            byte[] body = DOCUMENT.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/things", exchange -> {
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.createContext("/located-things", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/located-things/1");
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCreatedAnswerWithoutLocationFails() {
        assertThatThrownBy(() -> given().filter(OpenApiContractFilter.INSTANCE).post(base + "/things"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /things: 201 without a Location header");
    }

    @Test
    void aCreatedAnswerNamingItsResourcePasses() {
        assertThatCode(() -> given().filter(OpenApiContractFilter.INSTANCE).post(base + "/located-things"))
                .doesNotThrowAnyException();
    }
}
