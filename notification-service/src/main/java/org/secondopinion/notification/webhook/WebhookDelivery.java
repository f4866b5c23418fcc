package org.secondopinion.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.secondopinion.platform.work.Backoff;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's POST to one webhook, and how its attempts went: the status and the attempt columns are private, moved
 * only by {@link #lease}, {@link #sent}, {@link #failed}, {@link #failedForGood} and {@link #abandon}.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    static final int MAX_ERROR_LENGTH = 500;

    @Id
    public UUID id;

    /** Assigned by the database at insert: the order a referral's deliveries to one webhook are sent in. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "webhook_id", nullable = false)
    public UUID webhookId;

    @Column(name = "event_id", nullable = false, length = 200)
    public String eventId;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false, length = 50)
    public String type;

    @Column(nullable = false, length = 4000)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private WebhookDeliveryStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(UUID id, UUID webhookId, String eventId, UUID caseId, String type, String body,
                           Instant createdAt) {
        this.id = id;
        this.webhookId = webhookId;
        this.eventId = eventId;
        this.caseId = caseId;
        this.type = type;
        this.body = body;
        this.status = WebhookDeliveryStatus.PENDING;
        this.createdAt = createdAt;
        this.nextAttemptAt = createdAt;
    }

    /** Hides a claimed row from other passes until {@code until}: if this process dies mid-send, it is retried. */
    public void lease(Instant until) {
        nextAttemptAt = until;
    }

    /** The receiver answered 2xx. */
    public void sent(int statusCode, Instant now) {
        requireOpen();
        attempts++;
        lastStatusCode = statusCode;
        lastError = null;
        status = WebhookDeliveryStatus.SENT;
        sentAt = now;
    }

    /**
     * Records a failed attempt ({@code statusCode} null when no answer came: refused, timed out): tried again after
     * the backoff, or DEAD once {@code maxAttempts} are used up.
     */
    public void failed(Integer statusCode, String error, Instant now, Backoff backoff, int maxAttempts) {
        requireOpen();
        attempts++;
        lastStatusCode = statusCode;
        lastError = truncate(error == null ? "unknown error" : error);
        if (attempts >= maxAttempts) {
            status = WebhookDeliveryStatus.DEAD;
        } else {
            nextAttemptAt = now.plus(backoff.after(attempts));
        }
    }

    /**
     * Records an attempt that failed in a way retrying cannot fix (the URL now points to an address we never send
     * to): DEAD at once, whatever attempts are left.
     */
    public void failedForGood(String error) {
        requireOpen();
        attempts++;
        lastStatusCode = null;
        lastError = truncate(error);
        status = WebhookDeliveryStatus.DEAD;
    }

    /** Gives up without another attempt, e.g. because the clinic deleted the webhook. */
    public void abandon(String reason) {
        if (!status.isFinal()) {
            status = WebhookDeliveryStatus.DEAD;
            lastError = truncate(reason);
        }
    }

    private void requireOpen() {
        if (status.isFinal()) {
            throw new IllegalStateException("webhook delivery " + id + " is already " + status);
        }
    }

    private static String truncate(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    public WebhookDeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Integer lastStatusCode() {
        return lastStatusCode;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
