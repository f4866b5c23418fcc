package org.secondopinion.specialist.profile;

import org.secondopinion.platform.problem.DomainException;

import java.util.Map;

/** 412: the If-Match version is not the current one; the body names the current ETag so the client can reload. */
public class PreconditionFailedProblem extends DomainException {

    private final String currentEtag;

    public PreconditionFailedProblem(String currentEtag) {
        super(412, "Precondition Failed", "the profile was changed since you read it (If-Match does not match "
                + currentEtag + "): read it again and retry");
        this.currentEtag = currentEtag;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("currentEtag", currentEtag);
    }
}
