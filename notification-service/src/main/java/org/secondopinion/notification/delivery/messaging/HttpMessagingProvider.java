package org.secondopinion.notification.delivery.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.secondopinion.notification.delivery.Channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * An SMS/push gateway reached over HTTP: {@code POST <url>} with {@code {channel, to, text}} and basic
 * credentials; any 2xx is accepted. Short in-call retries ride out a blip; the delivery worker's backoff handles
 * longer outages. Timeout and retries are tunable without code through MicroProfile Fault Tolerance properties,
 * e.g. {@code org.secondopinion.notification.delivery.messaging.HttpMessagingProvider/send/Timeout/value}.
 */
@ApplicationScoped
public class HttpMessagingProvider implements MessagingProvider {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Optional<URI> url;
    private final Optional<String> username;
    private final Optional<String> password;

    public HttpMessagingProvider(ObjectMapper json,
                                 @ConfigProperty(name = "so.messaging.http.url") Optional<URI> url,
                                 @ConfigProperty(name = "so.messaging.http.username") Optional<String> username,
                                 @ConfigProperty(name = "so.messaging.http.password") Optional<String> password) {
        this.json = json;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 500, abortOn = ProviderRejectedException.class)
    public void send(Channel channel, String to, String text) throws IOException, InterruptedException {
        URI target = url.orElseThrow(() -> new IllegalStateException("so.messaging.http.url is not set"));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("channel", channel.name(), "to", to, "text", text))));
        if (username.isPresent()) {
            String credentials = username.get() + ":" + password.orElse("");
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            // the gateway refuses this message (bad number, bad credentials): retrying at once changes nothing
            throw new ProviderRejectedException(status);
        }
        if (status / 100 != 2) {
            throw new IOException("messaging gateway answered " + status);
        }
    }

    /** A 4xx answer: this call will not succeed by repeating it right away. */
    public static class ProviderRejectedException extends IOException {
        public ProviderRejectedException(int status) {
            super("messaging gateway refused the message with " + status);
        }
    }
}
