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
                .map(e -> Route.of(e.getKey(), e.getValue().url(), e.getValue().prefixes(),
                        e.getValue().timeout(), e.getValue().connectTimeout()))
                .toList());
    }

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public Optional<Route> match(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return routes.stream()
                .filter(route -> route.matchLength(path) >= 0)
                .max(Comparator.comparingInt(route -> route.matchLength(path)));
    }

    public List<Route> routes() {
        return routes;
    }
}
