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

/** One external delivery (e-mail, SMS or push) of one event to one person, and how it went. */
@Entity
@Table(name = "delivery")
public class Delivery {

    static final int MAX_ERROR_LENGTH = 500;

    @Id
    private UUID id;

    @Column(name = "event_id", nullable = false, length = 200)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 200)
    private String eventType;

    @Column(nullable = false, length = 200)
    private String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 50)
    private NotificationKind kind;

    @Column(name = "case_reference", length = 50)
    private String caseReference;

    @Column(nullable = false, length = 500)
    private String text;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<String> addresses = new ArrayList<>();

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
    private Instant createdAt;

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

    /** Hides a claimed row from other passes until {@code until}: if this process dies mid-send, it is retried. */
    public void lease(Instant until) {
        nextAttemptAt = until;
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

    public UUID getId() {
        return id;
    }

    public String getEventId() {
        return eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getRecipient() {
        return recipient;
    }

    public Channel getChannel() {
        return channel;
    }

    public NotificationKind getKind() {
        return kind;
    }

    public String getCaseReference() {
        return caseReference;
    }

    public String getText() {
        return text;
    }

    public List<String> getAddresses() {
        return List.copyOf(addresses);
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
