package org.secondopinion.gateway.edge;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Response headers every browser client should get from the front door, on every answer (proxied ones included:
 * they are set when the head is written, after the upstream's headers were copied, so a service cannot weaken them).
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The API serves JSON and files, never pages: nothing may be framed, scripted or sniffed. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

    void register(@Observes Router router) {
        // before every other route, so 401/404/429 problems get the headers as well
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String path = ctx.normalizedPath();
            ctx.addHeadersEndHandler(v -> apply(ctx.response().headers(), path));
            ctx.next();
        });
    }

    static void apply(MultiMap headers, String path) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        if (path != null && path.startsWith("/api/")) {
            // the Swagger UI under /q needs scripts and styles, so the strict policy is for the API only
            headers.set("Content-Security-Policy", API_CSP);
        }
    }
}
