package org.secondopinion.cases.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.secondopinion.platform.work.WorkPolicy;

import java.time.Instant;
import java.util.UUID;

/** The e-mail that brings a referred patient their claim code; retried until the relay takes it. */
@Entity
@Table(name = "claim_invitation")
public class ClaimInvitation {

    @Id
    public UUID id;
    @Column(name = "referral_id")
    public UUID referralId;
    public String email;
    @Column(name = "case_reference")
    public String caseReference;
    /** In clear only until sent. */
    public String code;
    @Column(name = "expires_at")
    public Instant expiresAt;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "created_at")
    public Instant createdAt;

    public void sent(Instant now) {
        status = "SENT";
        sentAt = now;
        code = null;
        attempts++;
    }

    /** Tried again after the policy's backoff; DEAD (and the code forgotten) once its attempts are used up. */
    public void failed(String error, Instant now, WorkPolicy policy) {
        attempts++;
        lastError = error == null ? "unknown" : error.substring(0, Math.min(error.length(), 500));
        if (policy.exhausted(attempts)) {
            status = "DEAD";
            code = null;
        } else {
            nextAttemptAt = policy.retryAt(attempts, now);
        }
    }
}
