package org.secondopinion.platform.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request line longer than {@code so.http.max-request-line} (default 4096 characters, the HTTP server's own
 * default) gets a 414 problem body like every other refusal. The HTTP server's limit
 * ({@code quarkus.http.limits.max-initial-line-length}) is set well above it (platform default 64 KiB), because the
 * server itself can only answer a bare 414; only lines past that still get one.
 */
@ApplicationScoped
public class RequestLineLimit {

    static final int ORDER = -4;
    /** {@code " HTTP/1.1"}: the rest of a request line after method and target. */
    private static final int VERSION_LENGTH = 9;

    private final int max;

    public RequestLineLimit(@ConfigProperty(name = "so.http.max-request-line", defaultValue = "4096") int max) {
        this.max = max;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (length(ctx.request().method().name(), ctx.request().uri()) <= max) {
            ctx.next();
            return;
        }
        BodySizeLimit.refuse(ctx, 414, "URI Too Long",
                "the request line (method, path and query) may be at most " + max + " characters");
    }

    static int length(String method, String uri) {
        return method.length() + 1 + (uri == null ? 0 : uri.length()) + VERSION_LENGTH;
    }
}
