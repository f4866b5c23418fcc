package org.secondopinion.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which upstream owns a request path: the longest matching prefix wins, so a more specific route can be added. */
@ApplicationScoped
public class RouteTable {

    private final List<Route> routes;

    @Inject
    public RouteTable(GatewayConfig config) {
        this(config.routes().entrySet().stream()
                .map(e -> toRoute(e.getKey(), e.getValue()))
                .toList());
    }

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    private static Route toRoute(String name, GatewayConfig.RouteConfig c) {
        return Route.of(name, c.url(), c.prefixes(), c.timeout(), c.connectTimeout(), rateLimit(c.rateLimit()),
                c.maxBodySize().asLongValue(),
                new Route.BreakerSettings(c.breaker().failureThreshold(), c.breaker().coolDown()));
    }

    public static Route.RateLimit rateLimit(GatewayConfig.RateLimitConfig c) {
        return new Route.RateLimit(c.capacity(), c.period());
    }

    public Optional<Route> match(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return routes.stream()
                .filter(route -> route.matchLength(path) >= 0)
                .max(Comparator.comparingInt(route -> route.matchLength(path)));
    }

    public Optional<Route> byName(String name) {
        return routes.stream().filter(route -> route.name().equals(name)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }
}
