package org.secondopinion.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Gets access tokens from a running issuer over HTTP, the way a client of the platform would. */
public final class TokenClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TokenClient() {
    }

    /**
     * An access token for a demo user (password grant through {@value DemoIdentities#CLI_CLIENT_ID}) or a clinic
     * (client credentials; dev secret = client id). Works against the local issuer and the Keycloak realm alike.
     *
     * @param issuerUrl e.g. {@code http://127.0.0.1:8090/second-opinion}
     */
    public static String accessToken(String issuerUrl, String name) {
        Map<String, String> form = new LinkedHashMap<>();
        if (DemoIdentities.isClinic(name)) {
            form.put("grant_type", "client_credentials");
            form.put("client_id", name);
            form.put("client_secret", name);
        } else {
            form.put("grant_type", "password");
            form.put("client_id", DemoIdentities.CLI_CLIENT_ID);
            form.put("username", name);
            form.put("password", name);
            form.put("scope", "openid");
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI tokenEndpoint = URI.create(tokenEndpoint(issuerUrl));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the issuer at " + tokenEndpoint + " answered " + response.statusCode()
                        + " for '" + name + "': " + response.body());
            }
            JsonNode token = new ObjectMapper().readTree(response.body()).get("access_token");
            if (token == null || token.asText().isBlank()) {
                throw new IllegalStateException("no access_token in the answer of " + tokenEndpoint);
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException("no issuer answers at " + tokenEndpoint + " (is the stack running?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** mock-oauth2-server serves {@code <issuer>/token}; Keycloak {@code <issuer>/protocol/openid-connect/token}. */
    static String tokenEndpoint(String issuerUrl) {
        String base = issuerUrl.endsWith("/") ? issuerUrl.substring(0, issuerUrl.length() - 1) : issuerUrl;
        return base.contains("/realms/") ? base + "/protocol/openid-connect/token" : base + "/token";
    }
}
