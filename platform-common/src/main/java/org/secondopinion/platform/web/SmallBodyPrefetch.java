package org.secondopinion.platform.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads small request bodies (a JSON case, a referral, a FHIR bundle) completely on the I/O thread before the
 * blocking endpoint runs. Without it, Quarkus REST hands a blocking endpoint an input stream that the worker thread
 * fills by asking the event loop for each chunk: two thread hand-offs per request, and a worker waiting on a busy
 * event loop (profiled: 16-40 % of an intake request's time). A body read here reaches the endpoint as a byte array.
 * <p>
 * Only bodies that declare their length and are at most {@link #MAX_PREFETCH} bytes, and are not multipart: uploads
 * keep streaming to disk as before, and the declared-length limit ({@link BodySizeLimit}, order -3) has answered
 * oversized ones already.
 */
@ApplicationScoped
public class SmallBodyPrefetch {

    static final int ORDER = -1;
    /** Larger bodies stream as before (a FHIR bundle with attachments, a record upload). */
    static final long MAX_PREFETCH = 256 * 1024;

    private final BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_PREFETCH);

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::prefetch);
    }

    private void prefetch(RoutingContext ctx) {
        if (worthPrefetching(ctx.request().method(), ctx.request().getHeader("Content-Length"),
                ctx.request().getHeader("Content-Type"))) {
            bodies.handle(ctx); // calls ctx.next() once the whole body is in
        } else {
            ctx.next();
        }
    }

    static boolean worthPrefetching(HttpMethod method, String contentLength, String contentType) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return false;
        }
        long length = BodySizeLimit.declaredLength(contentLength);
        if (length <= 0 || length > MAX_PREFETCH) {
            return false;
        }
        return contentType == null || !contentType.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }
}
