package org.secondopinion.gateway.me;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.secondopinion.gateway.limits.CircuitBreaker;
import org.secondopinion.gateway.limits.CircuitBreakers;
import org.secondopinion.gateway.proxy.UpstreamProxy;
import org.secondopinion.gateway.proxy.UpstreamProxy.UpstreamStatusException;
import org.secondopinion.gateway.routing.GatewayConfig;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.gateway.routing.RouteTable;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.web.RequestIds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/v1/me}: who the caller is, plus open cases, unread notifications and (for specialists) pending
 * offers, asked of the services in parallel with the caller's own token, each with its own short deadline. The
 * page is always a 200; a part that failed or was late says so ({@link MeParts#unavailable}).
 */
@ApplicationScoped
public class MeDashboard {

    private static final Logger LOG = Logger.getLogger(MeDashboard.class);

    private final RouteTable routes;
    private final UpstreamProxy proxy;

    private final CircuitBreakers breakers;
    private final GatewayConfig config;

    public MeDashboard(RouteTable routes,
                       UpstreamProxy proxy,
                       CircuitBreakers breakers,
                       GatewayConfig config) {
        this.routes = routes;
        this.proxy = proxy;
        this.breakers = breakers;
        this.config = config;
    }

    public void answer(RoutingContext ctx, SecurityIdentity identity, String requestId) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", ctx.request().getHeader("Authorization"))
                .add("Accept", "application/json")
                .add(RequestIds.HEADER, requestId);
        String traceparent = ctx.request().getHeader("traceparent");
        if (traceparent != null) {
            headers.add("traceparent", traceparent);
        }

        // the services decide what each role may list; the gateway only skips parts that cannot apply
        Map<String, Future<JsonObject>> parts = new LinkedHashMap<>();
        if (identity.hasRole(Roles.PATIENT) || identity.hasRole(Roles.SPECIALIST)
                || identity.hasRole(Roles.COORDINATOR)) {
            parts.put("openCases", part("/api/v1/cases?size=" + config.me().caseLimit(), headers, MeParts::openCases));
        }
        parts.put("unreadNotifications", part("/api/v1/notifications/unread-count", headers,
                MeParts::unreadNotifications));
        if (identity.hasRole(Roles.SPECIALIST)) {
            parts.put("pendingOffers", part("/api/v1/offers?size=20", headers, MeParts::pendingOffers));
        }

        JsonObject body = new JsonObject().put("user", MeParts.user(subject(identity), identity.getRoles(),
                clinicId(identity)));
        // join waits for every part, failed or not; each part already answers within its deadline
        Future.join(List.copyOf(parts.values())).onComplete(ignored -> {
            parts.forEach((name, future) -> body.put(name, future.succeeded()
                    ? future.result() : MeParts.unavailable(future.cause())));
            ctx.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader(RequestIds.HEADER, requestId)
                    .end(body.encode());
        });
    }

    private Future<JsonObject> part(String uri, MultiMap headers, Function<JsonObject, JsonObject> shape) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        Route route = routes.match(path).orElse(null);
        if (route == null) {
            return Future.failedFuture(new IllegalStateException("no route for " + path));
        }
        CircuitBreaker breaker = breakers.forRoute(route);
        if (!breaker.tryAcquire()) {
            return Future.failedFuture(new MeParts.CircuitOpenException(route.name()));
        }
        return proxy.getJson(route, uri, headers, config.me().partTimeout())
                .onSuccess(answer -> breaker.onSuccess())
                .onFailure(failure -> {
                    // a 4xx is the service answering (e.g. this role may not list that): not a sign of ill health
                    if (failure instanceof UpstreamStatusException status && status.status() < 500) {
                        breaker.onSuccess();
                    } else {
                        breaker.onFailure();
                    }
                    LOG.infof("/api/v1/me part %s from %s unavailable: %s", path, route.name(), failure.getMessage());
                })
                .map(shape);
    }

    private static String subject(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    private static String clinicId(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim("clinic_id");
            return claim == null ? null : claim.toString().replace("\"", "");
        }
        return null;
    }
}
