package org.secondopinion.cases.referral;

import org.secondopinion.platform.problem.DomainException;

import java.util.Map;

/**
 * A refused referral or claim: a code that is unknown or used (404), expired (410), a clinic reference or
 * {@code Idempotency-Key} already used for something else (409 / 422), a token without a {@code clinic_id} (403).
 */
public class ReferralProblem extends DomainException {

    private final Map<String, Object> extensions;

    public ReferralProblem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ReferralProblem(int status, String title, String detail, Map<String, Object> extensions) {
        super(status, title, detail);
        this.extensions = Map.copyOf(extensions);
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
