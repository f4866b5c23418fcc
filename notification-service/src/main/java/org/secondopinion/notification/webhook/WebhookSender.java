package org.secondopinion.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
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

    /**
     * How one attempt went: the receiver's status code (null when none came), unless 2xx why it failed, and whether
     * trying again may help (not when the destination is refused).
     */
    public record Attempt(Integer statusCode, String error, boolean retryable) {

        static Attempt answered(int status) {
            return status >= 200 && status < 300 ? new Attempt(status, null, false)
                    : new Attempt(status, "HTTP " + status, true);
        }

        static Attempt failed(String error) {
            return new Attempt(null, error, true);
        }

        static Attempt refused(String error) {
            return new Attempt(null, error, false);
        }

        public boolean ok() {
            return error == null;
        }
    }

    static final String REFUSED = "destination not public";

    private final WebhookConfig config;
    private final HttpClient http;
    private final Clock clock;

    public WebhookSender(WebhookConfig config, Clock clock) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: receivers are all kinds of servers; an h2c upgrade attempt only adds ways to fail
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.clock = clock;
    }

    /**
     * Sends once, unless the URL's host resolves to an address that is not public ({@link PublicAddresses}, off
     * with {@code so.webhooks.allow-private-addresses}): then nothing is sent and the attempt is refused for good.
     * Throws {@link java.util.concurrent.CancellationException} only when the thread is interrupted.
     */
    public Attempt send(String url, String secret, UUID deliveryId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        try {
            URI uri = URI.create(url);
            if (!config.allowPrivateAddresses()) {
                Optional<String> refusal = refusal(uri.getHost());
                if (refusal.isPresent()) {
                    return Attempt.refused(refusal.get());
                }
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header(HEADER_ID, deliveryId.toString())
                    .header(HEADER_TIMESTAMP, Long.toString(timestamp))
                    .header(HEADER_SIGNATURE, WebhookSigner.sign(secret, timestamp, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
            // the answer's body is not read: it is the clinic's, and only the status code counts
            return Attempt.answered(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException | IllegalArgumentException e) {
            // class and message only (timeouts, refused connections, unknown hosts); never the request, which
            // carries the signature
            return Attempt.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            // stopping: not the receiver's fault, so no attempt is counted; the lease runs out and it is sent again
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("stopping");
        }
    }

    /**
     * Why {@code host} may not be sent to, if ANY of its addresses is not public: a name that a clinic points at
     * 10.0.0.5 or 169.254.169.254 after registering it (or one that resolves both ways) is refused.
     * <p>
     * Resolve, check, then let the client resolve again: the JDK client (Java 17) has no per-request resolver, and
     * connecting to the checked IP instead would need the restricted {@code Host} header and would break TLS
     * (SNI and certificate checks use the URL's host). The gap is small: both lookups go through
     * {@link InetAddress}'s cache (30 s for answers by default), so the client normally gets the very addresses
     * checked here; a DNS-rebinding answer that expires in that instant is what remains, and the pods' egress
     * rules are the second line against it.
     */
    static Optional<String> refusal(String host) throws UnknownHostException {
        if (host == null) {
            return Optional.empty(); // no host to go to: the client refuses the URL itself
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        for (InetAddress address : InetAddress.getAllByName(name)) {
            Optional<String> kind = PublicAddresses.whyNotPublic(address);
            if (kind.isPresent()) {
                return Optional.of(REFUSED + ": " + host + " resolves to " + address.getHostAddress() + ", a "
                        + kind.get() + " address; webhooks are only sent to public addresses");
            }
        }
        return Optional.empty();
    }
}
