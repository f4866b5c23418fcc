package org.secondopinion.gateway.edge;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code X-Request-Id} at the edge: the caller's id is kept when harmless, otherwise a new one is made. Same rule
 * as the services' RequestIdFilter, so an id the gateway forwards is never replaced downstream.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Ids are echoed and logged: accept only harmless ones (no spaces, no control characters, bounded). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String fromCaller) {
        return fromCaller != null && SAFE.matcher(fromCaller).matches() ? fromCaller : UUID.randomUUID().toString();
    }
}
