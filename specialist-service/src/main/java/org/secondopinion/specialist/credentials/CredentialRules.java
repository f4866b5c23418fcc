package org.secondopinion.specialist.credentials;

import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.LocalDate;

/** Rules shared by board certifications and state licences: date order and the verification lifecycle. */
public final class CredentialRules {

    private CredentialRules() {
    }

    /**
     * A credential cannot expire before it started.
     *
     * @param field     what the refusal names, e.g. {@code expiresOn} or {@code certifications[1].expiresOn}
     * @param startName name of the start field in the message, e.g. {@code certifiedSince}
     */
    public static void requireExpiryNotBeforeStart(String field, String startName, LocalDate start, LocalDate expires) {
        if (start != null && expires != null && expires.isBefore(start)) {
            throw new InvalidFieldProblem(field, "must not be before " + startName + " (" + start + ")");
        }
    }

    /** PENDING → VERIFIED, only while unexpired: an admin cannot vouch for a credential that has lapsed. */
    static void requireVerifiable(String what, VerificationStatus status, LocalDate expiresOn, LocalDate today) {
        if (status != VerificationStatus.PENDING) {
            throw new StateConflictProblem("only a PENDING " + what + " can be verified; this one is " + status,
                    status.name());
        }
        if (isLapsed(expiresOn, today)) {
            throw new StateConflictProblem(what + " expired on " + expiresOn + " and cannot be verified",
                    status.name());
        }
    }

    /** Anything not yet revoked can be revoked (a verified one, a pending one found false, an expired one). */
    static void requireRevocable(String what, VerificationStatus status) {
        if (status == VerificationStatus.REVOKED) {
            throw new StateConflictProblem(what + " is already revoked", status.name());
        }
    }

    /** Only credentials that still count (or could) expire; REVOKED stays REVOKED. */
    static boolean expires(VerificationStatus status, LocalDate expiresOn, LocalDate today) {
        return (status == VerificationStatus.PENDING || status == VerificationStatus.VERIFIED)
                && isLapsed(expiresOn, today);
    }

    private static boolean isLapsed(LocalDate expiresOn, LocalDate today) {
        return expiresOn != null && expiresOn.isBefore(today);
    }
}
