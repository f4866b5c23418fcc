package org.secondopinion.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Reads small request bodies (a JSON case, a referral, a FHIR bundle) completely on the I/O thread before the
 * blocking endpoint runs. Without it, Quarkus REST hands a blocking endpoint an input stream that the worker thread
 * fills by asking the event loop for each chunk: two thread hand-offs per request, and a worker waiting on a busy
 * event loop (profiled: 16-40 % of an intake request's time). A body read here reaches the endpoint as a byte array.
 * <p>
 * Only bodies that declare their length and are at most {@link #MAX_PREFETCH} bytes, and are not multipart: uploads
 * keep streaming to disk as before, and the declared-length limit ({@link BodySizeLimit}, order -3) has answered
 * oversized ones already.
 * <p>
 * Chunked bodies (no declared length) that are not multipart are read here too, up to
 * {@code quarkus.http.limits.max-body-size}: Quarkus REST would read them whole anyway (a JSON DTO, a FHIR string),
 * but cut one off past the limit with an empty 413; here the body handler fails the exchange with 413 and
 * {@link BodySizeLimit} answers a problem body.
 */
@ApplicationScoped
public class SmallBodyPrefetch {

    static final int ORDER = -1;
    /** Larger bodies stream as before (a FHIR bundle with attachments, a record upload). */
    static final long MAX_PREFETCH = 256 * 1024;

    private final BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_PREFETCH);
    private final BodyHandler chunkedBodies;

    public SmallBodyPrefetch(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(limit.map(MemorySize::asLongValue).orElse(-1L));
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::prefetch);
    }

    private void prefetch(RoutingContext ctx) {
        if (worthPrefetching(ctx.request().method(), ctx.request().getHeader("Content-Length"),
                ctx.request().getHeader("Content-Type"))) {
            bodies.handle(ctx); // calls ctx.next() once the whole body is in
        } else if (chunkedToRead(ctx.request().method(), ctx.request().getHeader("Content-Length"),
                ctx.request().getHeader("Transfer-Encoding"), ctx.request().getHeader("Content-Type"))) {
            chunkedBodies.handle(ctx); // next() with the body, or fail(413) past the limit
        } else {
            ctx.next();
        }
    }

    static boolean chunkedToRead(HttpMethod method, String contentLength, String transferEncoding,
                                 String contentType) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return false;
        }
        return contentLength == null && transferEncoding != null
                && transferEncoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")
                && (contentType == null || !contentType.regionMatches(true, 0, "multipart/", 0, "multipart/".length()));
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
