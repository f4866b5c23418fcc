import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;

/**
 * Benchmark reference, not the gateway: the least a Vert.x reverse proxy can do (no token check, no tracing, no
 * limits, no request ids; Connection headers dropped, nothing else), one verticle and client per event loop.
 * Usage (run.sh compiles it with FLOOR=1): java -cp <vertx-core, netty jars> BareVertxProxy <port> <upstream port> [loops=2]
 */
public class BareVertxProxy extends AbstractVerticle {

    static int listenPort;
    static int upstreamPort;

    @Override
    public void start(Promise<Void> started) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(100));
        vertx.createHttpServer().requestHandler(request -> client
                .request(request.method(), upstreamPort, "127.0.0.1", request.uri())
                .onSuccess(upstream -> {
                    request.headers().forEach(h -> {
                        if (!h.getKey().equalsIgnoreCase("connection")) {
                            upstream.putHeader(h.getKey(), h.getValue());
                        }
                    });
                    upstream.send().onSuccess(response -> {
                        HttpServerResponse answer = request.response().setStatusCode(response.statusCode());
                        response.headers().forEach(h -> {
                            if (!h.getKey().equalsIgnoreCase("connection")) {
                                answer.putHeader(h.getKey(), h.getValue());
                            }
                        });
                        response.pipeTo(answer);
                    }).onFailure(failure -> request.response().setStatusCode(502).end());
                })
                .onFailure(failure -> request.response().setStatusCode(502).end()))
                .listen(listenPort, "127.0.0.1").<Void>mapEmpty().onComplete(started);
    }

    public static void main(String[] args) {
        listenPort = Integer.parseInt(args[0]);
        upstreamPort = Integer.parseInt(args[1]);
        int loops = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Vertx.vertx().deployVerticle(BareVertxProxy.class.getName(), new DeploymentOptions().setInstances(loops));
    }
}
