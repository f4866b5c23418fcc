package org.secondopinion.specialist.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A board certification a specialist holds, e.g. ABOS in ORTHOPAEDIC_SURGERY. */
@Entity
@Table(name = "board_certification")
public class BoardCertification {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "specialist_id")
    public Specialist specialist;

    @Column(nullable = false)
    public String board;

    /** A {@link org.secondopinion.platform.reference.Specialty} code. */
    @Column(nullable = false)
    public String specialty;

    @Column(name = "certified_since")
    public LocalDate certifiedSince;

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

    /** Counts for matching: verified by an admin and not past its expiry date. */
    public boolean isValidOn(LocalDate day) {
        return status == VerificationStatus.VERIFIED && (expiresOn == null || !expiresOn.isBefore(day));
    }

    /** An admin confirmed it with the board. */
    public void verify(String admin, Instant at, LocalDate today) {
        CredentialRules.requireVerifiable("certification", status, expiresOn, today);
        status = VerificationStatus.VERIFIED;
        verifiedBy = admin;
        verifiedAt = at;
    }

    public void revoke() {
        CredentialRules.requireRevocable("certification", status);
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
