package org.secondopinion.gateway.limits;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.secondopinion.gateway.routing.GatewayConfig;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.gateway.routing.RouteTable;

/**
 * Who a request is counted against, and the buckets themselves. Signed-in callers are counted per route by token
 * subject (a clinic client by its {@code clinic_id}, so all of a clinic's client tokens share one budget);
 * callers without a valid token by remote address, across all routes.
 */
@ApplicationScoped
public class RateLimits {

    /** Where the authenticator keeps {@link #clientKey} on the identity it hands out, worked out once per token. */
    public static final String CLIENT_KEY_ATTRIBUTE = "gateway.rate-limit-key";
    static final String ANONYMOUS_SCOPE = "anonymous";
    private static final String CLINIC_ID = "clinic_id";
    private static final long EVICT_EVERY_MS = 60_000;

    private final RateLimiter limiter = new RateLimiter();
    private final Route.RateLimit anonymousLimit;
    private final Vertx vertx;
    private final long evictionTimer;

    public RateLimits(GatewayConfig config, Vertx vertx) {
        this.anonymousLimit = RouteTable.rateLimit(config.anonymousRateLimit());
        this.vertx = vertx;
        this.evictionTimer = vertx.setPeriodic(EVICT_EVERY_MS, id -> limiter.evictIdle());
    }

    public RateLimiter.Decision signedIn(String scope, Route.RateLimit limit, SecurityIdentity identity) {
        String key = identity.getAttribute(CLIENT_KEY_ATTRIBUTE);
        return limiter.tryConsume(scope, limit, key != null ? key : clientKey(identity));
    }

    public RateLimiter.Decision anonymous(String remoteAddress) {
        return limiter.tryConsume(ANONYMOUS_SCOPE, anonymousLimit, "ip:" + remoteAddress);
    }

    /** {@code clinic:<clinic_id>} for clinic clients, else {@code user:<sub>} (the token subject, not a display name). */
    public static String clientKey(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            // asked only when present: smallrye-jwt looks a custom claim name up as a standard one first, and the
            // failed lookup costs an exception with its stack trace
            Object clinicId = jwt.getClaimNames().contains(CLINIC_ID) ? jwt.getClaim(CLINIC_ID) : null;
            if (clinicId != null && !clinicId.toString().isBlank()) {
                return "clinic:" + clinicId.toString().replace("\"", "");
            }
            if (jwt.getSubject() != null) {
                return "user:" + jwt.getSubject();
            }
        }
        return "user:" + identity.getPrincipal().getName();
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(evictionTimer);
    }
}
