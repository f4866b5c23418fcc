package org.secondopinion.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The route table: each upstream service with the path prefixes it owns and its own timeouts. Operators tune
 * these per environment ({@code SO_*_SERVICE_URL}); later slices hang rate limits and breakers off the same route.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Keyed by upstream name (e.g. {@code case-service}); the name appears in logs and problem bodies. */
    Map<String, RouteConfig> routes();

    ClientConfig client();

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
    }

    interface ClientConfig {
        /** Connections per upstream: a slow service exhausts only its own pool. */
        @WithDefault("100")
        int maxPoolSize();
    }
}
