package org.secondopinion.gateway.proxy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.gateway.metrics.GatewayMetrics;
import org.secondopinion.gateway.routing.GatewayConfig;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.platform.web.RequestIds;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Streams one request to its upstream and the answer back (bodies are piped with back-pressure, never buffered).
 * Only the outcome is decided here; turning a failure into a problem is the caller's job.
 */
@ApplicationScoped
public class UpstreamProxy {

    private static final TextMapSetter<MultiMap> TRACE_HEADER_SETTER = MultiMap::set;
    /**
     * For upstream requests: their failures reach the gateway through the response future and are judged there;
     * without a handler Vert.x logs each one at ERROR, a "Stream reset" line for every caller who hangs up.
     */
    private static final Handler<Throwable> IGNORE_FAILURE = failure -> { };

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();
    private final HttpClient shared;

    private final TextMapPropagator propagator;

    public UpstreamProxy(Vertx vertx, GatewayConfig config, OpenTelemetry openTelemetry) {
        this.vertx = vertx;
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.options = new HttpClientOptions()
                .setMaxPoolSize(config.client().maxPoolSize())
                .setKeepAlive(true)
                // bodies pass through as the upstream encoded them
                .setDecompressionSupported(false)
                // no client span per exchange (it repeats the upstream's own server span, at a tenth of the
                // gateway's CPU): the trace context is written into the upstream request below instead
                .setTracingPolicy(TracingPolicy.IGNORE);
        this.shared = vertx.createHttpClient(options);
    }

    /**
     * The client of the calling event loop. Vert.x 4's pool hands any idle connection to any event loop, so with
     * one client a request accepted on one loop is often written and answered on another: two thread hand-offs per
     * exchange, and a reset racing the connection's reuse on its own loop. A client (and pool) per loop keeps every
     * exchange on the thread that accepted the caller; {@code so.gateway.client.max-pool-size} applies per loop.
     */
    private HttpClient client() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return perEventLoop.computeIfAbsent(Thread.currentThread(), thread -> vertx.createHttpClient(options));
    }

    /**
     * Sends the (paused) request upstream; completes with the upstream's status once its answer has been streamed to
     * the caller, or fails before anything was written to the caller (connect failure, timeout before headers).
     * The time to the upstream's answer headers goes to {@code meters} (null: not measured).
     * A plain Vert.x pipe in both directions, with back-pressure and nothing buffered whole: vertx-http-proxy did the
     * same with HTTP caching logic on top (date parsing on every answer) that an API gateway has no use for.
     */
    public Future<Integer> forward(RoutingContext ctx, Route route, String uri, String requestId,
                                   GatewayMetrics.RouteMeters meters) {
        long sent = System.nanoTime();
        HttpServerRequest request = ctx.request();
        HttpServerResponse answer = ctx.response();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(route.host())
                .setPort(route.port())
                .setSsl(route.ssl())
                .setURI(uri)
                .setConnectTimeout(route.connectTimeout().toMillis())
                // no byte from the upstream for this long: 504 (headers not yet sent) or a reset (mid-body)
                .setIdleTimeout(route.timeout().toMillis());

        Exchange exchange = new Exchange();
        return client().request(options).compose(upstream -> {
            exchange.upstream = upstream;
            upstream.exceptionHandler(IGNORE_FAILURE);
            answer.closeHandler(closed -> exchange.callerGone());
            if (answer.closed()) {
                exchange.callerGone();
                return Future.failedFuture(new CallerGoneException());
            }
            MultiMap headers = upstream.headers();
            request.headers().forEach(header -> {
                if (!"host".equalsIgnoreCase(header.getKey())) {
                    headers.add(header.getKey(), header.getValue());
                }
            });
            // the upstream continues the trace with the gateway's server span as its parent (with tracing off at
            // the gateway the propagator does nothing and the caller's own traceparent passes through unchanged)
            propagator.inject(io.opentelemetry.context.Context.current(), headers, TRACE_HEADER_SETTER);
            ProxyHeaders.prepareUpstreamRequest(headers, requestId,
                    request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                    request.scheme(), request.authority() == null ? null : request.authority().toString());
            return hasBody(request) ? upstream.send(request) : upstream.send();
        }).compose(response -> {
            exchange.response = response;
            if (meters != null) {
                meters.upstreamAnswered(sent);
            }
            answer.setStatusCode(response.statusCode());
            answer.setStatusMessage(response.statusMessage());
            MultiMap out = answer.headers();
            out.addAll(response.headers());
            ProxyHeaders.stripHopByHop(out);
            out.set(RequestIds.HEADER, requestId);
            if (!out.contains("content-length") && mayHaveBody(request, response.statusCode())) {
                answer.setChunked(true);
            }
            // not ended on failure: a body cut short must reach the caller as a reset, never as a complete answer
            return response.pipe().endOnFailure(false).to(exchange.towardsCaller(answer))
                    .map(done -> response.statusCode());
        }).transform(outcome -> {
            exchange.over = true;
            if (outcome.succeeded()) {
                return Future.succeededFuture(outcome.result());
            }
            // a caller who went away is not the upstream's fault: say so, so that no breaker counts it
            return Future.failedFuture(exchange.callerFailed || answer.closed()
                    ? new CallerGoneException() : outcome.cause());
        });
    }

    /** One exchange, as far as a caller hanging up is concerned; touched only on the caller's event loop. */
    private static final class Exchange {
        HttpClientRequest upstream;
        HttpClientResponse response;
        boolean over;
        /** A write towards the caller failed: whatever the pipe reports next is the caller's doing. */
        boolean callerFailed;

        /**
         * The caller's answer as the pipe writes to it, noting failed writes. A caller who left is often found out
         * by a write, before Vert.x has processed the closed connection ({@code answer.closed()} is still false
         * then), and Vert.x's pipe reports a failed write and a failed upstream read alike; without this note the
         * hang-up would be counted against the upstream's breaker and answered with a 502 nobody receives.
         */
        WriteStream<Buffer> towardsCaller(HttpServerResponse answer) {
            return new WriteStream<>() {
                @Override
                public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
                    answer.exceptionHandler(handler);
                    return this;
                }

                @Override
                public Future<Void> write(Buffer data) {
                    Promise<Void> written = Promise.promise();
                    write(data, written);
                    return written.future();
                }

                // the handler forms, as the pipe calls them: completion then runs where it always did, inside the
                // request's context (its log lines keep the trace id)
                @Override
                public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
                    answer.write(data, noted(handler));
                }

                @Override
                public void end(Handler<AsyncResult<Void>> handler) {
                    answer.end(noted(handler));
                }

                private Handler<AsyncResult<Void>> noted(Handler<AsyncResult<Void>> handler) {
                    return result -> {
                        if (result.failed()) {
                            callerFailed = true;
                        }
                        if (handler != null) {
                            handler.handle(result);
                        }
                    };
                }

                @Override
                public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
                    answer.setWriteQueueMaxSize(maxSize);
                    return this;
                }

                @Override
                public boolean writeQueueFull() {
                    return answer.writeQueueFull();
                }

                @Override
                public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
                    answer.drainHandler(handler);
                    return this;
                }
            };
        }

        void callerGone() {
            if (over || upstream == null) {
                return;
            }
            if (response == null) {
                // nothing answered yet: the connection is still this exchange's alone, so closing it stops the
                // upstream's work (and frees the pool slot) at once
                upstream.reset();
            } else {
                // the answer has begun: Vert.x recycles the connection as soon as the whole body has arrived, even
                // while a paused pipe still holds it, so a reset here could cut another exchange. The pipe runs
                // into the closed caller instead, fails, and the rest of the body is drained (connection reused).
                response.resume();
            }
        }
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
        propagator.inject(io.opentelemetry.context.Context.current(), headers, TRACE_HEADER_SETTER);
        client().request(options)
                .compose(request -> {
                    inFlight[0] = request;
                    request.exceptionHandler(IGNORE_FAILURE);
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

    /** The caller closed its connection before the exchange was over; nothing is left to answer. */
    public static final class CallerGoneException extends RuntimeException {
        public CallerGoneException() {
            super("the caller closed the connection", null, false, false);
        }
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
        perEventLoop.values().forEach(HttpClient::close);
        shared.close();
    }
}
