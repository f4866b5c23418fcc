package org.secondopinion.platform.quota;

import org.secondopinion.platform.problem.DomainException;

import java.util.Map;

/** 429: a quota of an expensive operation is spent for this window; names the quota and when it opens again. */
public class QuotaExceededProblem extends DomainException {

    private final String quota;
    private final long limit;
    private final long retryAfterSeconds;

    public QuotaExceededProblem(String quota, long limit, long retryAfterSeconds, String detail) {
        super(429, "Too Many Requests", detail);
        this.quota = quota;
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String quota() {
        return quota;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("quota", quota, "limit", limit);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
