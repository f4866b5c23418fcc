package org.secondopinion.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.secondopinion.gateway.edge.RequestIds;
import org.secondopinion.gateway.routing.GatewayConfig;
import org.secondopinion.gateway.routing.Route;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Streams one request to its upstream and the answer back (bodies are piped with back-pressure, never buffered).
 * Only the outcome is decided here; turning a failure into a problem is the caller's job.
 */
@ApplicationScoped
public class UpstreamProxy {

    private final HttpClient client;
    private final Vertx vertx;

    @Inject
    public UpstreamProxy(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.client().maxPoolSize())
                .setKeepAlive(true)
                // bodies pass through as the upstream encoded them
                .setDecompressionSupported(false));
    }

    /**
     * Sends the (paused) request upstream; completes with the upstream's status once its answer has been streamed to
     * the caller, or fails before anything was written to the caller (connect failure, timeout before headers).
     * A plain Vert.x pipe in both directions, with back-pressure and nothing buffered whole: vertx-http-proxy did the
     * same with HTTP caching logic on top (date parsing on every answer) that an API gateway has no use for.
     */
    public Future<Integer> forward(RoutingContext ctx, Route route, String uri, String requestId) {
        HttpServerRequest request = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setURI(uri)
                .setConnectTimeout(route.connectTimeout().toMillis())
                // no byte from the upstream for this long: 504 (headers not yet sent) or a reset (mid-body)
                .setIdleTimeout(route.timeout().toMillis());

        return client.request(options).compose(upstream -> {
            MultiMap headers = upstream.headers();
            request.headers().forEach(header -> {
                if (!"host".equalsIgnoreCase(header.getKey())) {
                    headers.add(header.getKey(), header.getValue());
                }
            });
            ProxyHeaders.prepareUpstreamRequest(headers, requestId,
                    request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                    request.scheme(), request.authority() == null ? null : request.authority().toString());
            return hasBody(request) ? upstream.send(request) : upstream.send();
        }).compose(response -> {
            HttpServerResponse answer = ctx.response();
            answer.setStatusCode(response.statusCode());
            answer.setStatusMessage(response.statusMessage());
            MultiMap out = answer.headers();
            out.addAll(response.headers());
            ProxyHeaders.stripHopByHop(out);
            out.set(RequestIds.HEADER, requestId);
            if (!out.contains("content-length") && mayHaveBody(request, response.statusCode())) {
                answer.setChunked(true);
            }
            return response.pipeTo(answer).map(done -> response.statusCode());
        });
    }

    /** HTTP/1.1 (RFC 9112 §6.3): a request has a body only if it says so with Content-Length or Transfer-Encoding. */
    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || length != null && !"0".equals(length.trim());
    }

    private static boolean mayHaveBody(HttpServerRequest request, int status) {
        return request.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
    }

    /**
     * A GET the gateway makes itself (the {@code /api/v1/me} fan-out) with a hard deadline: the whole exchange,
     * connection included, must finish in time or the call is abandoned and fails with a {@link TimeoutException}.
     * A non-2xx answer fails with {@link UpstreamStatusException}.
     */
    public Future<JsonObject> getJson(Route route, String uri, MultiMap headers, Duration deadline) {
        Promise<JsonObject> outcome = Promise.promise();
        HttpClientRequest[] inFlight = new HttpClientRequest[1];
        long timer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> {
            if (outcome.tryFail(new TimeoutException(route.name() + " did not answer within " + deadline))
                    && inFlight[0] != null) {
                inFlight[0].reset();
            }
        });
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setURI(uri)
                .setConnectTimeout(Math.min(route.connectTimeout().toMillis(), deadline.toMillis()))
                .setIdleTimeout(deadline.toMillis())
                .setHeaders(headers);
        client.request(options)
                .compose(request -> {
                    inFlight[0] = request;
                    return request.send();
                })
                .compose(response -> response.body().compose(body -> response.statusCode() / 100 == 2
                        ? Future.succeededFuture(body.toJsonObject())
                        : Future.failedFuture(new UpstreamStatusException(route.name(), response.statusCode()))))
                .onComplete(result -> {
                    vertx.cancelTimer(timer);
                    if (result.succeeded()) {
                        outcome.tryComplete(result.result());
                    } else {
                        outcome.tryFail(result.cause());
                    }
                });
        return outcome.future();
    }

    /** An upstream answered, but not with success. */
    public static final class UpstreamStatusException extends RuntimeException {
        private final int status;

        public UpstreamStatusException(String upstream, int status) {
            super(upstream + " answered " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
