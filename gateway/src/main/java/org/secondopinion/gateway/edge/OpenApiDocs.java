package org.secondopinion.gateway.edge;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.secondopinion.gateway.proxy.UpstreamFailure;
import org.secondopinion.gateway.proxy.UpstreamProxy;
import org.secondopinion.gateway.routing.GatewayConfig;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.gateway.routing.RouteTable;
import org.secondopinion.platform.web.RequestIds;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /openapi/<service>}: that service's {@code /q/openapi} document, streamed through the gateway so the
 * one Swagger UI at {@code /q/swagger-ui} (urls in {@code quarkus.swagger-ui.urls.*}) can list every service from
 * a single origin. Documents describe the API, not data: no token is asked for, like the services' own endpoint.
 */
@ApplicationScoped
public class OpenApiDocs {

    private static final Logger LOG = Logger.getLogger(OpenApiDocs.class);

    private final RouteTable routes;
    private final UpstreamProxy proxy;

    private final GatewayConfig config;

    public OpenApiDocs(RouteTable routes,
                       UpstreamProxy proxy,
                       GatewayConfig config) {
        this.routes = routes;
        this.proxy = proxy;
        this.config = config;
    }

    void register(@Observes Router router) {
        router.get("/openapi/:service").handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String requestId = RequestIds.acceptOrCreate(ctx.request().getHeader(RequestIds.HEADER));
        String service = ctx.pathParam("service");
        String path = ctx.normalizedPath();
        List<String> documented = config.docs().services();
        Optional<Route> route = documented.contains(service) ? routes.byName(service) : Optional.empty();
        if (route.isEmpty()) {
            Problem.notFound(path, requestId).send(ctx);
            return;
        }
        ctx.request().pause();
        // documents are not API traffic: left out of the gateway's metrics (no meters)
        proxy.forward(ctx, route.get(), "/q/openapi?format=json", requestId, null).onFailure(failure -> {
            if (failure instanceof UpstreamProxy.CallerGoneException) {
                return;
            }
            int status = UpstreamFailure.statusFor(failure);
            LOG.warnf("OpenAPI document of %s unavailable, answering %d: %s", service, status, failure.toString());
            Problem.upstreamFailed(status, service, path, requestId).send(ctx);
        });
    }
}
