package org.secondopinion.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * POSTs one signed delivery. The JDK {@link HttpClient}: the worker already sends from its own threads and waits
 * for each answer, so a blocking client with a per-request timeout is all it needs — no extra dependency or event
 * loop for a handful of requests per event. Redirects are not followed: a 3xx is a failed attempt, so a callback
 * only ever reaches the URL the clinic registered.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String HEADER_ID = "X-Webhook-Id";
    public static final String HEADER_TIMESTAMP = "X-Webhook-Timestamp";
    public static final String HEADER_SIGNATURE = "X-Signature";
    static final String USER_AGENT = "SecondOpinion-Webhooks/1";

    /** How one attempt went: the receiver's status code (null when none came) and, unless 2xx, why it failed. */
    public record Attempt(Integer statusCode, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final WebhookConfig config;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();

    public WebhookSender(WebhookConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: receivers are all kinds of servers; an h2c upgrade attempt only adds ways to fail
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Sends once; throws {@link java.util.concurrent.CancellationException} only when the thread is interrupted. */
    public Attempt send(String url, String secret, UUID deliveryId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header(HEADER_ID, deliveryId.toString())
                    .header(HEADER_TIMESTAMP, Long.toString(timestamp))
                    .header(HEADER_SIGNATURE, WebhookSigner.sign(secret, timestamp, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
            // the answer's body is not read: it is the clinic's, and only the status code counts
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new Attempt(status, null) : new Attempt(status, "HTTP " + status);
        } catch (IOException | IllegalArgumentException e) {
            // class and message only (timeouts, refused connections); never the request, which carries the signature
            return new Attempt(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            // stopping: not the receiver's fault, so no attempt is counted; the lease runs out and it is sent again
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("stopping");
        }
    }
}
