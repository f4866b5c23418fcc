package org.secondopinion.cases.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A partner clinic's referral of a patient: the link between the clinic, its own reference and the case it created,
 * plus the one-time claim code with which the patient takes the case into their own account. Plain Java: the claim
 * rules are unit-tested with {@code new}.
 */
@Entity
@Table(name = "referral")
public class Referral {

    /** How the referral reached us. */
    public enum Channel { JSON, FHIR }

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "clinic_id")
    public String clinicId;
    @Column(name = "clinic_reference")
    public String clinicReference;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "consent_attested")
    public boolean consentAttested;
    @Column(name = "consent_version")
    public String consentVersion;
    @Column(name = "patient_given_name")
    public String patientGivenName;
    @Column(name = "patient_family_name")
    public String patientFamilyName;
    @Column(name = "patient_birth_date")
    public LocalDate patientBirthDate;
    @Column(name = "patient_email")
    public String patientEmail;
    @Column(name = "patient_phone")
    public String patientPhone;
    @Column(name = "claim_code_hash")
    private String claimCodeHash;
    @Column(name = "claim_code_expires_at")
    private Instant claimCodeExpiresAt;
    @Column(name = "claimed_at")
    private Instant claimedAt;
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "created_at")
    public Instant createdAt;

    protected Referral() {
    }

    public Referral(UUID id, UUID caseId, String clinicId, String clinicReference, Channel channel, Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.clinicId = clinicId;
        this.clinicReference = clinicReference;
        this.channel = channel;
        this.createdAt = now;
    }

    /** A new claim code replaces any earlier one (only its hash is kept). */
    public void issueClaimCode(String code, Instant expiresAt) {
        if (claimedAt != null) {
            throw new ReferralProblem(409, "Conflict", "referral " + id + " was already claimed by the patient");
        }
        this.claimCodeHash = ClaimCodes.hash(code);
        this.claimCodeExpiresAt = expiresAt;
    }

    /** The patient redeems the code: once, before it expires. */
    public void claim(String patientId, Instant now) {
        if (claimedAt != null || claimCodeHash == null) {
            throw new ReferralProblem(404, "Not Found", "no open case for this claim code");
        }
        if (!now.isBefore(claimCodeExpiresAt)) {
            throw new ReferralProblem(410, "Gone", "this claim code expired on " + claimCodeExpiresAt
                    + ": ask your clinic to send a new one");
        }
        this.claimedAt = now;
        this.claimedBy = patientId;
        this.claimCodeHash = null; // single use
    }

    public boolean isClaimed() {
        return claimedAt != null;
    }

    public Instant claimedAt() {
        return claimedAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public Instant claimCodeExpiresAt() {
        return claimCodeExpiresAt;
    }
}
