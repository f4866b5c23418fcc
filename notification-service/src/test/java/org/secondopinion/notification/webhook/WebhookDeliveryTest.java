package org.secondopinion.notification.webhook;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.work.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

    private static WebhookDelivery delivery() {
        return new WebhookDelivery(UUID.randomUUID(), UUID.randomUUID(), "event-1", UUID.randomUUID(),
                "referral.created", "{}", T0);
    }

    @Test
    void failuresBackOffExponentiallyAndTheLastAllowedOneIsDead() {
        WebhookDelivery d = delivery();
        assertThat(d.nextAttemptAt()).isEqualTo(T0);

        d.failed(503, "HTTP 503", T0, BACKOFF, 3);
        assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
        assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        d.failed(null, "HttpConnectTimeoutException: HTTP connect timed out", T0, BACKOFF, 3);
        assertThat(d.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(d.lastStatusCode()).isNull();
        d.failed(500, "HTTP 500", T0, BACKOFF, 3);

        assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.DEAD);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.lastStatusCode()).isEqualTo(500);
        assertThat(d.lastError()).isEqualTo("HTTP 500");
        assertThatThrownBy(() -> d.sent(200, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void successAfterFailuresRecordsTheAnswerAndClearsTheError() {
        WebhookDelivery d = delivery();
        d.failed(500, "HTTP 500", T0, BACKOFF, 5);

        d.sent(204, T0.plusSeconds(31));

        assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.SENT);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.lastStatusCode()).isEqualTo(204);
        assertThat(d.lastError()).isNull();
        assertThat(d.sentAt()).isEqualTo(T0.plusSeconds(31));
    }

    @Test
    void abandoningEndsAnOpenDeliveryOnlyAndLongErrorsAreCut() {
        WebhookDelivery open = delivery();
        open.abandon("webhook deleted: not sent");
        assertThat(open.status()).isEqualTo(WebhookDeliveryStatus.DEAD);
        assertThat(open.attempts()).isZero();

        WebhookDelivery sent = delivery();
        sent.sent(200, T0);
        sent.abandon("webhook deleted: not sent");
        assertThat(sent.status()).isEqualTo(WebhookDeliveryStatus.SENT);

        WebhookDelivery noisy = delivery();
        noisy.failed(null, "e".repeat(2000), T0, BACKOFF, 5);
        assertThat(noisy.lastError()).hasSize(500);
    }
}
