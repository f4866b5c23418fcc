package org.secondopinion.platform.problem;

import java.util.Map;

/**
 * A refusal by the domain that the client can act on. Plain Java, so domain classes and their unit tests need
 * no web framework; {@link ProblemMappers} turns it into an RFC 9457 problem body.
 */
public abstract class DomainException extends RuntimeException {

    private final int status;
    private final String title;

    protected DomainException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem body, e.g. {@code currentState} or {@code violations}. */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** Headers of the answer, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
