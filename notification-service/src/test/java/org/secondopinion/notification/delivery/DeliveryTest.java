package org.secondopinion.notification.delivery;

import org.secondopinion.platform.work.Backoff;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void backoffDoublesUpToItsCap() {
        assertThat(BACKOFF.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(BACKOFF.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(BACKOFF.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(BACKOFF.after(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(BACKOFF.after(500)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aFailedAttemptIsRetriedAfterTheBackoff() {
        Delivery d = delivery();

        d.failed("ConnectException: refused", NOW, BACKOFF, 3);

        assertThat(d.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(d.lastError()).isEqualTo("ConnectException: refused");
    }

    @Test
    void theLastAllowedFailureMakesItDead() {
        Delivery d = delivery();

        d.failed("one", NOW, BACKOFF, 3);
        d.failed("two", NOW, BACKOFF, 3);
        assertThat(d.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
        d.failed("three", NOW, BACKOFF, 3);

        assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(d.attempts()).isEqualTo(3);
        assertThatThrownBy(() -> d.sent(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSuccessAfterAFailureEndsSent() {
        Delivery d = delivery();
        d.failed("blip", NOW, BACKOFF, 3);

        d.sent(NOW.plusSeconds(31));

        assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.sentAt()).isEqualTo(NOW.plusSeconds(31));
        assertThat(d.lastError()).isNull();
    }

    @Test
    void longErrorsAreCutToTheColumn() {
        Delivery d = delivery();

        d.failed("x".repeat(2000), NOW, BACKOFF, 3);

        assertThat(d.lastError()).hasSize(Delivery.MAX_ERROR_LENGTH);
    }

    @Test
    void theFeedIsNotADeliveryRow() {
        assertThatThrownBy(() -> new Delivery(UUID.randomUUID(), "e", "t", "patient1", Channel.IN_APP,
                NotificationKind.CASE_UPDATED, "SO-1", "text", List.of(), NOW, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Delivery delivery() {
        return new Delivery(UUID.randomUUID(), "event-1", "case.submitted.v1", "patient1", Channel.EMAIL,
                NotificationKind.CASE_RECEIVED, "SO-2026-000001", "text", List.of("pat@example.org"), NOW, NOW);
    }
}
