package org.secondopinion.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request that declares a body larger than {@code quarkus.http.limits.max-body-size} gets a 413 problem body
 * naming the limit, like every other refusal (DESIGN §9). Quarkus refuses it too, one step later (route order -2),
 * but with an empty body; this route (order -3) answers first, before anything of the body is read. Bodies without
 * a declared length that grow past the limit while streaming are still cut off by Quarkus itself.
 */
@ApplicationScoped
public class BodySizeLimit {

    static final int ORDER = -3;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Optional<MemorySize> limit;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void register(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(ORDER).handler(ctx -> check(ctx, max.asLongValue())));
    }

    private static void check(RoutingContext ctx, long max) {
        long declared = declaredLength(ctx.request().getHeader("Content-Length"));
        if (declared <= max) {
            ctx.next();
            return;
        }
        String requestId = ctx.request().getHeader(RequestIdFilter.HEADER);
        if (requestId == null || !SAFE_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", "Content Too Large")
                .put("status", 413)
                .put("detail", "the request body may be at most " + max + " bytes")
                .put("instance", ctx.normalizedPath());
        ctx.response().setStatusCode(413)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader(RequestIdFilter.HEADER, requestId)
                // the body is not read: the connection cannot carry another request after it
                .putHeader("Connection", "close")
                .end(problem.encode());
    }

    /** The declared length; -1 when there is none or it is not a number (the HTTP layer refuses those itself). */
    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
