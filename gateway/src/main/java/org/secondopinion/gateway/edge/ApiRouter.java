package org.secondopinion.gateway.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.secondopinion.gateway.limits.CircuitBreaker;
import org.secondopinion.gateway.limits.CircuitBreakers;
import org.secondopinion.gateway.limits.RateLimiter;
import org.secondopinion.gateway.limits.RateLimits;
import org.secondopinion.gateway.me.MeDashboard;
import org.secondopinion.gateway.metrics.GatewayMetrics;
import org.secondopinion.gateway.metrics.GatewayMetrics.RouteMeters;
import org.secondopinion.gateway.metrics.GatewayMetrics.TokenRejection;
import org.secondopinion.gateway.metrics.GatewayMetrics.UpstreamFailureKind;
import org.secondopinion.gateway.proxy.UpstreamFailure;
import org.secondopinion.gateway.proxy.UpstreamProxy;
import org.secondopinion.gateway.routing.GatewayConfig;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.gateway.routing.RouteTable;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.web.RequestIds;

import java.util.Optional;

/**
 * Everything under {@code /api/}, in order: request id, authentication, rate limit, route lookup (or the
 * {@code /api/v1/me} dashboard), body size, circuit breaker, proxying; problem answers for what goes wrong at the
 * edge.
 */
@ApplicationScoped
public class ApiRouter {

    static final String ME_PATH = "/api/v1/me";
    private static final Logger LOG = Logger.getLogger(ApiRouter.class);

    private final EdgeAuthenticator authenticator;
    private final RouteTable routes;

    private final UpstreamProxy proxy;
    private final RateLimits rateLimits;

    private final CircuitBreakers breakers;
    private final MeDashboard dashboard;

    private final GatewayConfig config;
    private final GatewayMetrics metrics;

    /** The gateway's absolute cap on request bodies (the largest route limit; chunked bodies are counted). */
    private final Optional<MemorySize> maxBodySize;
    /**
     * Longer request lines get a 414 problem here; the HTTP server's own limit
     * ({@code quarkus.http.limits.max-initial-line-length}) sits well above, since it can only answer a bare 414.
     */
    private final int maxRequestLine;

    public ApiRouter(EdgeAuthenticator authenticator,
                     RouteTable routes,
                     UpstreamProxy proxy,
                     RateLimits rateLimits,
                     CircuitBreakers breakers,
                     MeDashboard dashboard,
                     GatewayConfig config,
                     GatewayMetrics metrics,
                     @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                     @ConfigProperty(name = "so.gateway.max-request-line", defaultValue = "8192") int maxRequestLine) {
        this.authenticator = authenticator;
        this.routes = routes;
        this.proxy = proxy;
        this.rateLimits = rateLimits;
        this.breakers = breakers;
        this.dashboard = dashboard;
        this.config = config;
        this.metrics = metrics;
        this.maxBodySize = maxBodySize;
        this.maxRequestLine = maxRequestLine;
    }

    void register(@Observes Router router) {
        router.route().order(-4).handler(ctx -> {
            // method, space, target, " HTTP/1.1"
            if (ctx.request().method().name().length() + ctx.request().uri().length() + 10 <= maxRequestLine) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("Connection", "close");
            Problem.uriTooLong(maxRequestLine, ctx.normalizedPath(),
                    RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER))).send(ctx);
        });
        // a body declared over the absolute cap gets a problem like every other refusal; Quarkus refuses it one step
        // later (route order -2) with an empty 413. Nothing of the body is read: the connection closes after.
        maxBodySize.ifPresent(max -> router.route().order(-3).handler(ctx -> {
            if (declaredBodyLength(ctx) <= max.asLongValue()) {
                ctx.next();
                return;
            }
            ctx.response().putHeader("Connection", "close");
            Problem.payloadTooLarge(max.asLongValue(), ctx.normalizedPath(),
                    RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER))).send(ctx);
        }));
        router.route("/api/*").handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        // nothing of the body may be read (or lost) before we know where it goes
        ctx.request().pause();
        String requestId = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, requestId);
        String path = ctx.normalizedPath();
        long started = System.nanoTime();
        SecurityIdentity known = authenticator.alreadyVerified(ctx);
        if (known != null) {
            authenticated(ctx, known, path, requestId, started);
            return;
        }
        Context context = Vertx.currentContext();
        authenticator.authenticate(ctx).subscribe().with(
                identity -> onContext(context, () -> authenticated(ctx, identity, path, requestId, started)),
                failure -> onContext(context, () -> {
                    LOG.debugf("bearer token rejected: %s", failure.getMessage());
                    anonymous(ctx, "the bearer token is not valid", rejection(failure), path, requestId, started);
                }));
    }

    /** Token validation may complete on another thread: the request goes on back on its own context (and MDC). */
    private static void onContext(Context context, Runnable next) {
        if (Vertx.currentContext() == context) {
            next.run();
        } else {
            context.runOnContext(v -> next.run());
        }
    }

    /** Without a valid token the answer is 401, but guessing tokens is rate limited too (by remote address). */
    private void anonymous(RoutingContext ctx, String detail, TokenRejection reason, String path, String requestId,
                           long started) {
        // counted against the route the path belongs to (rare path: the lookup is affordable here)
        RouteMeters meters = metrics.route(ME_PATH.equals(path) ? GatewayMetrics.ME
                : routes.match(path).map(Route::name).orElse(GatewayMetrics.UNMATCHED));
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        RateLimiter.Decision decision = rateLimits.anonymous(address);
        if (!decision.allowed()) {
            metrics.anonymousRateLimited();
            tooManyRequests(ctx, decision, "anonymous", path, requestId);
            meters.answered(ctx.request().method(), 429, started);
            return;
        }
        metrics.tokenRejected(reason);
        reject(ctx, Problem.unauthorized(detail, path, requestId));
        meters.answered(ctx.request().method(), 401, started);
    }

    /** Why a presented token was refused: expired (a client that should refresh) or anything else. */
    static TokenRejection rejection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // jose4j: "... is on or after the Expiration Time"; quarkus-oidc keeps it as the cause
            String message = t.getMessage();
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("expir")) {
                return TokenRejection.EXPIRED;
            }
        }
        return TokenRejection.INVALID;
    }

    private void authenticated(RoutingContext ctx, SecurityIdentity identity, String path, String requestId,
                               long started) {
        if (identity == null || identity.isAnonymous()) {
            anonymous(ctx, "a valid bearer token is required", TokenRejection.MISSING, path, requestId, started);
            return;
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null
                || jwt.getSubject().isBlank()) {
            // every service keys what a user owns on sub: a token without one is refused here as it is there
            anonymous(ctx, "the bearer token names no subject (sub)", TokenRejection.INVALID, path, requestId, started);
            return;
        }
        HttpMethod method = ctx.request().method();
        if (ME_PATH.equals(path) && method == HttpMethod.GET) {
            RouteMeters meters = metrics.route(GatewayMetrics.ME);
            if (Roles.ALL.stream().noneMatch(identity::hasRole)) {
                reject(ctx, Problem.forbidden("the token holds no role of the platform", path, requestId));
                meters.answered(method, 403, started);
                return;
            }
            RateLimiter.Decision decision = rateLimits.signedIn("me", RouteTable.rateLimit(config.me().rateLimit()),
                    identity);
            if (!decision.allowed()) {
                meters.rateLimited();
                tooManyRequests(ctx, decision, "me", path, requestId);
                meters.answered(method, 429, started);
                return;
            }
            ctx.request().resume();
            // the dashboard answers asynchronously; a caller who hangs up first is not counted (nobody got an answer)
            ctx.addEndHandler(ended -> {
                if (ended.succeeded()) {
                    meters.answered(method, ctx.response().getStatusCode(), started);
                }
            });
            dashboard.answer(ctx, identity, requestId);
            return;
        }
        Optional<Route> route = routes.match(path);
        if (route.isEmpty()) {
            reject(ctx, Problem.notFound(path, requestId));
            metrics.route(GatewayMetrics.UNMATCHED).answered(method, 404, started);
            return;
        }
        Route upstream = route.get();
        RouteMeters meters = metrics.route(upstream.name());
        RateLimiter.Decision decision = rateLimits.signedIn(upstream.name(), upstream.rateLimit(), identity);
        if (!decision.allowed()) {
            meters.rateLimited();
            tooManyRequests(ctx, decision, upstream.name(), path, requestId);
            meters.answered(method, 429, started);
            return;
        }
        if (declaredBodyLength(ctx) > upstream.maxBodyBytes()) {
            reject(ctx, Problem.payloadTooLarge(upstream.maxBodyBytes(), path, requestId));
            meters.answered(method, 413, started);
            return;
        }
        CircuitBreaker breaker = breakers.forRoute(upstream);
        if (!breaker.tryAcquire()) {
            LOG.debugf("%s %s -> %s refused: circuit open", method, path, upstream.name());
            ctx.response().putHeader("Retry-After", String.valueOf(wholeSeconds(breaker.remainingCoolDown().toMillis())));
            reject(ctx, Problem.circuitOpen(upstream.name(), path, requestId));
            meters.upstreamFailed(UpstreamFailureKind.BREAKER_OPEN);
            meters.answered(method, 503, started);
            return;
        }
        forward(ctx, upstream, meters, breaker, path, requestId, started);
    }

    private void forward(RoutingContext ctx, Route upstream, RouteMeters meters, CircuitBreaker breaker, String path,
                         String requestId, long started) {
        String query = ctx.request().query();
        // forward the normalized path (the one we routed on), so a dot-segment cannot reach another service's path
        String uri = query == null ? path : path + "?" + query;
        HttpMethod method = ctx.request().method();
        proxy.forward(ctx, upstream, uri, requestId, meters).onComplete(result -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (result.succeeded()) {
                int status = result.result();
                // an upstream saying it is unavailable counts against its breaker; any other answer is an answer
                if (status == 502 || status == 503 || status == 504) {
                    breaker.onFailure();
                    meters.upstreamFailed(UpstreamFailureKind.UNAVAILABLE);
                } else {
                    breaker.onSuccess();
                }
                meters.answered(method, status, started, isEventStream(ctx.response().headers().get("Content-Type")));
                LOG.infof("%s %s -> %s %d in %d ms", method, path, upstream.name(), status, millis);
                return;
            }
            if (result.cause() instanceof UpstreamProxy.CallerGoneException) {
                // a hang-up (a cancelled download, a phone losing signal) says nothing about the upstream's health;
                // nobody received an answer, so no request is counted either
                breaker.release();
                LOG.infof("%s %s -> %s abandoned by the caller after %d ms", method, path, upstream.name(), millis);
                return;
            }
            breaker.onFailure();
            int status = UpstreamFailure.statusFor(result.cause());
            meters.upstreamFailed(UpstreamFailure.kindFor(result.cause()));
            LOG.warnf("%s %s -> %s failed after %d ms, answering %d: %s", method, path, upstream.name(), millis,
                    status, result.cause().toString());
            Problem.upstreamFailed(status, upstream.name(), path, requestId).send(ctx);
            meters.answered(method, status, started);
        });
    }

    private static boolean isEventStream(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
    }

    private static long declaredBodyLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length == null) {
            // chunked bodies are capped while streaming by quarkus.http.limits.max-body-size
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void tooManyRequests(RoutingContext ctx, RateLimiter.Decision decision, String scope, String path,
                                        String requestId) {
        LOG.debugf("rate limit reached on %s, retry after %d s", scope, decision.retryAfterSeconds());
        ctx.response().putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
        reject(ctx, Problem.tooManyRequests(decision.retryAfterSeconds(), path, requestId));
    }

    private static long wholeSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static void reject(RoutingContext ctx, Problem problem) {
        // let the unread body drain so the connection can be reused
        ctx.request().resume();
        problem.send(ctx);
    }
}
