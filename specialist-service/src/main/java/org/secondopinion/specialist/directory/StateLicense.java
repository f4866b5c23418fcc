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

/** A licence to practise medicine in one US state; one per state and specialist. */
@Entity
@Table(name = "state_license")
public class StateLicense {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "specialist_id")
    public Specialist specialist;

    /** Two-letter USPS code, e.g. CA. */
    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public String number;

    @Column(name = "issued_on")
    public LocalDate issuedOn;

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

    /** Lets the specialist see patients of that state today: verified and not expired. */
    public boolean isValidOn(LocalDate day) {
        return status == VerificationStatus.VERIFIED && (expiresOn == null || !expiresOn.isBefore(day));
    }

    /** An admin confirmed it with the state's medical board. */
    public void verify(String admin, Instant at, LocalDate today) {
        CredentialRules.requireVerifiable("licence", status, expiresOn, today);
        status = VerificationStatus.VERIFIED;
        verifiedBy = admin;
        verifiedAt = at;
    }

    public void revoke() {
        CredentialRules.requireRevocable("licence", status);
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
