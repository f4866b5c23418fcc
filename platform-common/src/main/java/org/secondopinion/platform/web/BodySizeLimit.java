package org.secondopinion.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.platform.problem.ProblemBody;

import java.util.Optional;

/**
 * A request that declares a body larger than {@code quarkus.http.limits.max-body-size} gets a 413 problem body
 * naming the limit, like every other refusal (DESIGN §9). Quarkus refuses it too, one step later (route order -2),
 * but with an empty body; this route (order -3) answers first, before anything of the body is read. Bodies without
 * a declared length (chunked) are read by {@link SmallBodyPrefetch} up to the same limit; past it, the 413 is a
 * problem body too ({@link #tooLarge}).
 */
@ApplicationScoped
public class BodySizeLimit {

    static final int ORDER = -3;

    private final Optional<MemorySize> limit;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void register(@Observes Router router) {
        limit.ifPresent(max -> {
            router.route().order(ORDER).handler(ctx -> check(ctx, max.asLongValue()));
            router.route().order(ORDER).failureHandler(ctx -> tooLarge(ctx, max.asLongValue()));
        });
    }

    /** A body that grew past the limit while it was read (Vert.x's body handler fails the exchange with 413). */
    private static void tooLarge(RoutingContext ctx, long max) {
        if (ctx.statusCode() == 413 && !ctx.response().headWritten() && !ctx.response().ended()) {
            refuse(ctx, 413, "Content Too Large", "the request body may be at most " + max + " bytes");
        } else {
            ctx.next();
        }
    }

    private static void check(RoutingContext ctx, long max) {
        long declared = declaredLength(ctx.request().getHeader("Content-Length"));
        if (declared <= max) {
            ctx.next();
            return;
        }
        // the body is not read: the connection cannot carry another request after it
        refuse(ctx, 413, "Content Too Large", "the request body may be at most " + max + " bytes");
    }

    /**
     * Ends the exchange with a problem body, outside Quarkus REST (these refusals come before it runs), and closes
     * the connection: what is left of the request is not read.
     */
    static void refuse(RoutingContext ctx, int status, String title, String detail) {
        String requestId = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
        JsonObject problem = new JsonObject(ProblemBody.of(status, title, detail, ctx.normalizedPath()));
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", ProblemBody.CONTENT_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
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
