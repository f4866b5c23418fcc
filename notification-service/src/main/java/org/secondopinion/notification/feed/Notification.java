package org.secondopinion.notification.feed;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Instant;
import java.util.UUID;

/** One item of a person's (or a role's) in-app feed. Rows are written by {@link InAppChannel} only. */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String recipient;

    @Column(name = "event_id", nullable = false, length = 200)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 200)
    public String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 50)
    public NotificationKind kind;

    @Column(name = "case_reference", length = 50)
    public String caseReference;

    @Column(nullable = false, length = 500)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Private: {@link #markRead} keeps the first time. */
    @Column(name = "read_at")
    private Instant readAt;

    /** Assigned by the database; the SSE event id clients resume from. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    protected Notification() {
    }

    public Notification(UUID id, String recipient, String eventId, String eventType, NotificationKind kind,
                        String caseReference, String text, Instant createdAt) {
        this.id = id;
        this.recipient = recipient;
        this.eventId = eventId;
        this.eventType = eventType;
        this.channel = Channel.IN_APP;
        this.kind = kind;
        this.caseReference = caseReference;
        this.text = text;
        this.createdAt = createdAt;
    }

    /** Marking twice keeps the first time: "read at" answers when the person first saw it. */
    public void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    public boolean isRead() {
        return readAt != null;
    }

    public Instant readAt() {
        return readAt;
    }
}
