package org.secondopinion.specialist.credentials;

/** Verification state of a board certification or a state licence; only VERIFIED unexpired ones count. */
public enum VerificationStatus {
    PENDING, VERIFIED, EXPIRED, REVOKED
}
