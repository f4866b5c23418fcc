package org.secondopinion.gateway.edge;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.secondopinion.gateway.proxy.UpstreamFailure;
import org.secondopinion.gateway.proxy.UpstreamProxy;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.gateway.routing.RouteTable;

import java.util.Optional;

/**
 * Everything under {@code /api/}: request id, authentication, route lookup, proxying, and problem answers for
 * what goes wrong at the edge. Later slices (rate limits, breakers, {@code /api/v1/me}) slot in as steps here or
 * as routes registered before this one.
 */
@ApplicationScoped
public class ApiRouter {

    private static final Logger LOG = Logger.getLogger(ApiRouter.class);

    @Inject
    EdgeAuthenticator authenticator;

    @Inject
    RouteTable routes;

    @Inject
    UpstreamProxy proxy;

    void register(@Observes Router router) {
        router.route("/api/*").handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        // nothing of the body may be read (or lost) before we know where it goes
        ctx.request().pause();
        String requestId = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, requestId);
        String path = ctx.normalizedPath();
        long started = System.nanoTime();
        // token validation may complete on another thread: come back to this request's context (and its MDC)
        Context context = Vertx.currentContext();
        authenticator.authenticate(ctx).subscribe().with(
                identity -> context.runOnContext(v -> authenticated(ctx, identity, path, requestId, started)),
                failure -> context.runOnContext(v -> {
                    LOG.debugf("bearer token rejected: %s", failure.getMessage());
                    reject(ctx, Problem.unauthorized("the bearer token is not valid", path, requestId));
                }));
    }

    private void authenticated(RoutingContext ctx, SecurityIdentity identity, String path, String requestId,
                               long started) {
        if (identity == null || identity.isAnonymous()) {
            reject(ctx, Problem.unauthorized("a valid bearer token is required", path, requestId));
            return;
        }
        Optional<Route> route = routes.match(path);
        if (route.isEmpty()) {
            reject(ctx, Problem.notFound(path, requestId));
            return;
        }
        Route upstream = route.get();
        String query = ctx.request().query();
        // forward the normalized path (the one we routed on), so a dot-segment cannot reach another service's path
        String uri = query == null ? path : path + "?" + query;
        String method = ctx.request().method().name();
        proxy.forward(ctx, upstream, uri, requestId).onComplete(result -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (result.succeeded()) {
                LOG.infof("%s %s -> %s %d in %d ms", method, path, upstream.name(),
                        result.result().getStatusCode(), millis);
                return;
            }
            int status = UpstreamFailure.statusFor(result.cause());
            LOG.warnf("%s %s -> %s failed after %d ms, answering %d: %s", method, path, upstream.name(), millis,
                    status, result.cause().toString());
            Problem.upstreamFailed(status, upstream.name(), path, requestId).send(ctx);
        });
    }

    private static void reject(RoutingContext ctx, Problem problem) {
        // let the unread body drain so the connection can be reused
        ctx.request().resume();
        problem.send(ctx);
    }
}
