package org.secondopinion.notification.webhook;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response shapes of {@code /api/v1/webhooks}. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    /**
     * @param url         where to POST: absolute https (plain http only where the service allows it), ≤ 2000
     *                    characters, a public destination (not localhost, not a private or link-local address);
     *                    checked by {@link WebhookUrls} so the problem names {@code url}
     * @param description the clinic's own note, e.g. "EHR integration (prod)"
     */
    public record WebhookRegistration(
            @Schema(example = "https://ehr.clinic.example/hooks/second-opinion", required = true) String url,
            @Size(max = 200) String description,
            @Schema(description = "callback kinds wanted: referral.created, referral.claimed, referral.status-changed,"
                    + " referral.consult-booked; absent or empty means all", example = "[\"referral.status-changed\"]")
            @Size(max = 4) List<@Pattern(regexp = "referral\\.(created|claimed|status-changed|consult-booked)",
                    message = "must be referral.created, referral.claimed, referral.status-changed or "
                            + "referral.consult-booked") String> events) {
    }

    /** The answer to a registration: the only time the secret is ever shown. */
    public record RegisteredWebhook(UUID id, String url, @Schema(nullable = true) String description, List<String> events,
                                    @Schema(description = "signing secret; store it now, it is never shown again")
                                    String secret,
                                    Instant createdAt) {

        /** {@code secret}: the clear secret, which the webhook itself only holds sealed. */
        static RegisteredWebhook of(Webhook w, String secret) {
            return new RegisteredWebhook(w.id, w.url, w.description, w.events(), secret,
                    w.createdAt);
        }
    }

    /** A webhook as listed: no secret. */
    public record WebhookView(UUID id, String url, @Schema(nullable = true) String description, List<String> events, Instant createdAt) {

        static WebhookView of(Webhook w) {
            return new WebhookView(w.id, w.url, w.description, w.events(), w.createdAt);
        }
    }

    /**
     * One delivery in a webhook's history. {@code nextAttemptAt} only while PENDING; {@code lastStatusCode} is the
     * receiver's answer to the latest attempt (null if none came: refused, timed out).
     */
    public record WebhookDeliveryView(UUID id, String eventId, String type, String status, int attempts,
                               @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) String lastError, @Schema(nullable = true) Instant nextAttemptAt, @Schema(nullable = true) Instant sentAt,
                               Instant createdAt) {

        static WebhookDeliveryView of(WebhookDelivery d) {
            return new WebhookDeliveryView(d.id, d.eventId, d.type, d.status().name(),
                    d.attempts(),
                    d.lastStatusCode(), d.lastError(), d.status().isFinal() ? null : d.nextAttemptAt(),
                    d.sentAt(), d.createdAt);
        }
    }
}
