package org.secondopinion.specialist.credentials;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import org.secondopinion.specialist.directory.Specialist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What board certifications and state licences share: an expiry date and the admin verification lifecycle
 * (PENDING → VERIFIED → EXPIRED or REVOKED). Each subclass has its own table.
 */
@MappedSuperclass
public abstract class Credential {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "specialist_id")
    public Specialist specialist;

    @Column(name = "expires_on")
    public LocalDate expiresOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationStatus status;

    /** Admin's OIDC subject; set when verified. */
    @Column(name = "verified_by")
    public String verifiedBy;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    /** The word used in problem messages, e.g. "certification". */
    protected abstract String kind();

    /** Counts for matching: verified by an admin and not past its expiry date. */
    public boolean isValidOn(LocalDate day) {
        return status == VerificationStatus.VERIFIED && (expiresOn == null || !expiresOn.isBefore(day));
    }

    /** An admin confirmed it with the issuing board. */
    public void verify(String admin, Instant at, LocalDate today) {
        CredentialRules.requireVerifiable(kind(), status, expiresOn, today);
        status = VerificationStatus.VERIFIED;
        verifiedBy = admin;
        verifiedAt = at;
    }

    public void revoke() {
        CredentialRules.requireRevocable(kind(), status);
        status = VerificationStatus.REVOKED;
    }

    /** @return whether it lapsed today and is now EXPIRED */
    public boolean expireIfLapsed(LocalDate today) {
        if (!CredentialRules.expires(status, expiresOn, today)) {
            return false;
        }
        status = VerificationStatus.EXPIRED;
        return true;
    }
}
