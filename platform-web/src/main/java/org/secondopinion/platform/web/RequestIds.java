package org.secondopinion.platform.web;

import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} rule, one for the gateway and the services: the caller's id is kept when harmless,
 * otherwise a new one is made; it goes on every log line through the MDC key {@code requestId} and is echoed in
 * the answer. The gateway applies it at the edge (Vert.x routes), the services in {@code RequestIdFilter}
 * (Quarkus REST) and {@code BodySizeLimit}, so an id the gateway forwards is never replaced downstream.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Ids are echoed and logged: accept only harmless ones (no spaces, no control characters, bounded). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** Whether an id from a caller may be kept (echoed and logged as it is). */
    public static boolean isSafe(String fromCaller) {
        return fromCaller != null && SAFE.matcher(fromCaller).matches();
    }

    /** The caller's id when harmless, otherwise a fresh one (a random UUID). */
    public static String acceptOrCreate(String fromCaller) {
        return isSafe(fromCaller) ? fromCaller : UUID.randomUUID().toString();
    }

    /** The id of the request on this thread (from the MDC), or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
