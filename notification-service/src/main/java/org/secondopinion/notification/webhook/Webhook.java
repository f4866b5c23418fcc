package org.secondopinion.notification.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A partner clinic's callback URL and the secret its deliveries are signed with, stored sealed
 * ({@link WebhookSecrets}: {@code v1:…}, or clear text in rows from before encryption until the startup pass).
 */
@Entity
@Table(name = "webhook")
public class Webhook {

    @Id
    public UUID id;

    @Column(name = "clinic_id", nullable = false, length = 100)
    public String clinicId;

    @Column(nullable = false, length = WebhookUrls.MAX_LENGTH)
    public String url;

    @Column(length = 200)
    public String description;

    /**
     * The sealed secret; never the secret itself (V5 widened the column for it). Private: only {@link #storeSecret}
     * replaces it, sealed.
     */
    @Column(name = "secret", nullable = false, length = 200)
    private String storedSecret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Private: set once, by {@link #delete}. */
    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** The callback kinds wanted ({@link ReferralEvents#KINDS}); empty means all ({@link #events()} says which). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<String> events = new ArrayList<>();

    protected Webhook() {
    }

    /** {@code storedSecret}: the secret as {@link WebhookSecrets#seal} sealed it for {@code id}. */
    public Webhook(UUID id, String clinicId, String url, String description, String storedSecret, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.clinicId = Objects.requireNonNull(clinicId);
        this.url = Objects.requireNonNull(url);
        this.description = description;
        this.storedSecret = Objects.requireNonNull(storedSecret);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public Webhook subscribedTo(List<String> kinds) {
        this.events = new ArrayList<>(kinds);
        return this;
    }

    /** Whether a callback of this kind goes to this webhook. */
    public boolean wants(String kind) {
        return events.isEmpty() || events.contains(kind);
    }

    public List<String> events() {
        return events.isEmpty() ? List.copyOf(ReferralEvents.KINDS) : List.copyOf(events);
    }

    public void delete(Instant now) {
        if (deletedAt == null) {
            deletedAt = now;
        }
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The secret as stored (sealed): only {@link WebhookSecrets} opens it, to sign; never logged, never listed. */
    public String storedSecret() {
        return storedSecret;
    }

    /** Replaces the stored form (sealed again: from clear text, or with the current key after a rotation). */
    void storeSecret(String sealed) {
        this.storedSecret = Objects.requireNonNull(sealed);
    }

    public Instant deletedAt() {
        return deletedAt;
    }
}
