package org.secondopinion.notification.delivery;

import org.secondopinion.platform.work.Backoff;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One external delivery (e-mail, SMS or push) of one event to one person, and how it went: the channel (never the
 * feed, the constructor checks) and the status and attempt columns are private, moved only by {@link #lease},
 * {@link #sent} and {@link #failed}.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    static final int MAX_ERROR_LENGTH = 500;

    @Id
    public UUID id;

    @Column(name = "event_id", nullable = false, length = 200)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 200)
    public String eventType;

    @Column(nullable = false, length = 200)
    public String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 50)
    public NotificationKind kind;

    @Column(name = "case_reference", length = 50)
    public String caseReference;

    @Column(nullable = false, length = 500)
    public String text;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> addresses = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private DeliveryStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected Delivery() {
    }

    public Delivery(UUID id, String eventId, String eventType, String recipient, Channel channel,
                    NotificationKind kind, String caseReference, String text, List<String> addresses,
                    Instant createdAt, Instant notBefore) {
        if (!channel.external()) {
            throw new IllegalArgumentException("the in-app feed is not delivered through the delivery table");
        }
        this.id = id;
        this.eventId = eventId;
        this.eventType = eventType;
        this.recipient = recipient;
        this.channel = channel;
        this.kind = kind;
        this.caseReference = caseReference;
        this.text = text;
        this.addresses = new ArrayList<>(addresses);
        this.status = DeliveryStatus.PENDING;
        this.createdAt = createdAt;
        this.nextAttemptAt = notBefore;
    }

    public void sent(Instant now) {
        requireOpen();
        attempts++;
        status = DeliveryStatus.SENT;
        sentAt = now;
        lastError = null;
    }

    /** Records a failed attempt: tried again after the backoff, or DEAD once {@code maxAttempts} are used up. */
    public void failed(String error, Instant now, Backoff backoff, int maxAttempts) {
        requireOpen();
        attempts++;
        lastError = error == null ? "unknown error"
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (attempts >= maxAttempts) {
            status = DeliveryStatus.DEAD;
        } else {
            status = DeliveryStatus.RETRYING;
            nextAttemptAt = now.plus(backoff.after(attempts));
        }
    }

    private void requireOpen() {
        if (status.isFinal()) {
            throw new IllegalStateException("delivery " + id + " is already " + status);
        }
    }

    public Channel channel() {
        return channel;
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
