package org.secondopinion.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The load generator's HTTP client: Vert.x on one event loop with keep-alive connections, so that thousands of
 * requests per second cost the machine a few per cent of a core (the JDK client costs several times more).
 */
final class Http implements AutoCloseable {

    /** {@code headers}: the response's header lines, for explaining a surprising answer. */
    record Answer(int status, String body, long nanos, String headers) {
    }

    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;

    Http(int maxConnections) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setPreferNativeTransport(false));
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                        .setConnectTimeout(5_000).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(maxConnections).setMaxWaitQueueSize(-1));
        context = vertx.getOrCreateContext();
    }

    CompletionStage<Answer> send(HttpMethod method, String url, String token, String jsonBody) {
        URI uri = URI.create(url);
        RequestOptions options = new RequestOptions().setMethod(method).setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .setTimeout(30_000);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        if (jsonBody != null) {
            options.putHeader("Content-Type", "application/json");
        }
        long started = System.nanoTime();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        // The whole exchange runs on the client's event loop. Started from the caller's thread (the open-loop
        // schedule), a response could arrive before `compose(response -> response.body())` was attached; the
        // callback then ran on the caller's thread after Vert.x had already delivered the body, and body() gave an
        // empty buffer: a 201 "without an id" and then a submit to /cases//submit, which case-service answered 405
        // (the "405 in each pipeline run" of docs/PERFORMANCE.md was this, not the server).
        context.runOnContext(ignored -> client.request(options)
                .compose(request -> jsonBody == null ? request.send() : request.send(Buffer.buffer(jsonBody)))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString(),
                        System.nanoTime() - started, response.headers().toString())))
                .onSuccess(answer::complete)
                .onFailure(answer::completeExceptionally));
        return answer;
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
