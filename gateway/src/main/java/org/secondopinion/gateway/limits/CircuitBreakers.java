package org.secondopinion.gateway.limits;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.gateway.routing.RouteTable;

import java.util.Map;
import java.util.stream.Collectors;

/** One breaker per upstream, made at start from the route table. */
@ApplicationScoped
public class CircuitBreakers {

    private final Map<String, CircuitBreaker> byRoute;

    public CircuitBreakers(RouteTable routes) {
        this.byRoute = routes.routes().stream().collect(Collectors.toUnmodifiableMap(Route::name,
                route -> new CircuitBreaker(route.name(), route.breaker(), System::nanoTime), (a, b) -> a));
    }

    public CircuitBreaker forRoute(Route route) {
        return byRoute.get(route.name());
    }

    public Map<String, CircuitBreaker> all() {
        return byRoute;
    }
}
