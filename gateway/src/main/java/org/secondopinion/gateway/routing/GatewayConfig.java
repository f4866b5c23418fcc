package org.secondopinion.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The route table: each upstream service with the path prefixes it owns, its timeouts, rate limit, body limit and
 * circuit breaker. Operators tune these per environment ({@code SO_*_SERVICE_URL}, {@code SO_GATEWAY_ROUTES_...}).
 */
@ConfigMapping(prefix = "so.gateway")
public interface GatewayConfig {

    /** Keyed by upstream name (e.g. {@code case-service}); the name appears in logs and problem bodies. */
    Map<String, RouteConfig> routes();

    ClientConfig client();

    /** Callers without a valid token, counted per remote address across all routes. */
    RateLimitConfig anonymousRateLimit();

    MeConfig me();

    DocsConfig docs();

    interface DocsConfig {
        /** Routes whose {@code /q/openapi} the gateway serves at {@code /openapi/<name>}. */
        @WithDefault("case-service,specialist-service,matching-service,notification-service")
        List<String> services();
    }

    interface RouteConfig {
        /** Base URL of the upstream, scheme host and port only (paths are forwarded unchanged). */
        String url();

        /** Path prefixes such as {@code /api/v1/cases}: the prefix itself and everything below it. */
        List<String> prefixes();

        /** How long the upstream may stay silent before the caller gets a 504. */
        @WithDefault("30s")
        Duration timeout();

        /** How long to wait for a connection before the caller gets a 503. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Per signed-in client (token subject, or clinic id for clinic clients) on this route. */
        RateLimitConfig rateLimit();

        /** Larger declared bodies get a 413 before anything reaches the upstream. */
        @WithDefault("25M")
        MemorySize maxBodySize();

        BreakerConfig breaker();
    }

    interface RateLimitConfig {
        /** Burst size: requests a client may make at once. */
        @WithDefault("300")
        long capacity();

        /** The bucket refills {@code capacity} tokens evenly over this period. */
        @WithDefault("1m")
        Duration period();
    }

    interface BreakerConfig {
        /** Consecutive failures (no connection, timeout, broken answer, upstream 502/503/504) that open it. */
        @WithDefault("5")
        int failureThreshold();

        /** While open, calls get a 503 at once; afterwards one trial call decides whether to close it. */
        @WithDefault("10s")
        Duration coolDown();
    }

    interface MeConfig {
        /** Deadline of each part of {@code /api/v1/me}: a slower part is reported as unavailable. */
        @WithDefault("2s")
        Duration partTimeout();

        /** How many of the caller's cases are fetched to find the open ones. */
        @WithDefault("50")
        int caseLimit();

        RateLimitConfig rateLimit();
    }

    interface ClientConfig {
        /** Connections per upstream and event loop: a slow service exhausts only its own pool. */
        @WithDefault("100")
        int maxPoolSize();
    }
}
