package org.secondopinion.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.secondopinion.gateway.edge.RequestIds;
import org.secondopinion.gateway.routing.GatewayConfig;
import org.secondopinion.gateway.routing.Route;

/**
 * Streams one request to its upstream and the answer back (vertx-http-proxy: bodies are piped with back-pressure,
 * never buffered). Only the outcome is decided here; turning a failure into a problem is the caller's job.
 */
@ApplicationScoped
public class UpstreamProxy {

    private final HttpClient client;

    @Inject
    public UpstreamProxy(Vertx vertx, GatewayConfig config) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.client().maxPoolSize())
                .setKeepAlive(true)
                // bodies pass through as the upstream encoded them
                .setDecompressionSupported(false));
    }

    /**
     * Sends the (paused) request upstream; completes with the upstream's answer once it has been streamed to the
     * caller, or fails before anything was written to the caller (connect failure, timeout before headers).
     */
    public Future<ProxyResponse> forward(RoutingContext ctx, Route route, String uri, String requestId) {
        HttpServerRequest request = ctx.request();
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        proxyRequest.setURI(uri);
        ProxyHeaders.prepareUpstreamRequest(proxyRequest.headers(), requestId,
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.scheme(), request.authority() == null ? null : request.authority().toString());

        RequestOptions options = new RequestOptions()
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setConnectTimeout(route.connectTimeout().toMillis())
                // no byte from the upstream for this long: 504 (headers not yet sent) or a reset (mid-body)
                .setIdleTimeout(route.timeout().toMillis());

        return client.request(options)
                .compose(proxyRequest::send)
                .compose(response -> {
                    ProxyHeaders.stripHopByHop(response.headers());
                    response.headers().set(RequestIds.HEADER, requestId);
                    return response.send().map(response);
                });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
