package org.secondopinion.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.secondopinion.gateway.limits.CircuitBreaker;
import org.secondopinion.gateway.limits.CircuitBreakers;
import org.secondopinion.gateway.routing.Route;
import org.secondopinion.gateway.routing.RouteTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the front door measures, at {@code /q/metrics} (Prometheus names in brackets):
 * <ul>
 *   <li>requests by route, method and status class ({@code gateway_requests_total{route,method,status_class}});</li>
 *   <li>latency per route, reads and writes apart ({@code gateway_request_duration_seconds_bucket{route,operation}}),
 *       from the request's arrival to the last byte of the answer; event streams (SSE), which last as long as the
 *       caller stays, as {@code operation="stream"}, out of the latency objectives;</li>
 *   <li>upstream time to the answer's headers ({@code gateway_upstream_duration_seconds_bucket{service}}) and
 *       failures by kind ({@code gateway_upstream_failures_total{service,kind}}: timeout, refused, reset,
 *       unavailable (the upstream itself answered 502/503/504), breaker_open);</li>
 *   <li>429s by limit ({@code gateway_rate_limited_total{limit}}: a route, {@code me} or {@code anonymous});</li>
 *   <li>401s by reason ({@code gateway_token_rejections_total{reason}}: missing, expired, invalid);</li>
 *   <li>breaker state per route ({@code gateway_breaker_state{route,state}}, 1 for the current state).</li>
 * </ul>
 * Labels are bounded: a route is a name from the route table ({@code me} for the dashboard, {@code unmatched} for
 * paths no route owns), never a path, user or case id. Meters are resolved once per route at start, so a request
 * costs an array read and an increment, no tag building.
 */
@ApplicationScoped
public class GatewayMetrics {

    public static final String ME = "me";
    public static final String UNMATCHED = "unmatched";
    public static final String ANONYMOUS = "anonymous";

    /** Why an upstream call did not give an answer the caller could use. */
    public enum UpstreamFailureKind {
        TIMEOUT, REFUSED, RESET, UNAVAILABLE, BREAKER_OPEN;

        final String label = name().toLowerCase();
    }

    /** Why a request was answered 401. */
    public enum TokenRejection {
        MISSING, EXPIRED, INVALID;

        final String label = name().toLowerCase();
    }

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    /** Bucket bounds: enough around the latency objectives (docs/OPERATIONS.md) and the route timeouts. */
    private static final Duration[] BUCKETS = {ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500),
            ms(1000), ms(2500), ms(5000), ms(10_000), ms(30_000), ms(60_000)};

    private final MeterRegistry registry;
    private final Map<String, RouteMeters> byRoute = new HashMap<>();
    private final Counter anonymousLimited;
    private final Counter[] tokenRejections = new Counter[TokenRejection.values().length];

    @Inject
    public GatewayMetrics(MeterRegistry registry, RouteTable routes, CircuitBreakers breakers) {
        this.registry = registry;
        for (Route route : routes.routes()) {
            byRoute.put(route.name(), new RouteMeters(route.name(), true));
        }
        byRoute.put(ME, new RouteMeters(ME, false));
        byRoute.put(UNMATCHED, new RouteMeters(UNMATCHED, false));
        anonymousLimited = rateLimitCounter(ANONYMOUS);
        for (TokenRejection reason : TokenRejection.values()) {
            tokenRejections[reason.ordinal()] = Counter.builder("gateway.token.rejections")
                    .description("Requests answered 401, by reason").tag("reason", reason.label).register(registry);
        }
        for (CircuitBreaker breaker : breakers.all().values()) {
            for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                Gauge.builder("gateway.breaker.state", breaker, b -> b.state() == state ? 1 : 0)
                        .description("1 for the state each route's circuit breaker is in, 0 for the others")
                        .tag("route", breaker.name()).tag("state", state.name().toLowerCase())
                        .register(registry);
            }
        }
    }

    /** The meters of a route by its name, of {@link #ME} or of {@link #UNMATCHED}. */
    public RouteMeters route(String name) {
        RouteMeters meters = byRoute.get(name);
        return meters != null ? meters : byRoute.get(UNMATCHED);
    }

    public void anonymousRateLimited() {
        anonymousLimited.increment();
    }

    public void tokenRejected(TokenRejection reason) {
        tokenRejections[reason.ordinal()].increment();
    }

    private Counter rateLimitCounter(String limit) {
        return Counter.builder("gateway.rate.limited").description("Requests answered 429, by the limit reached")
                .tag("limit", limit).register(registry);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Timer histogram(String name, String description, MeterRegistry registry, String... tags) {
        return Timer.builder(name).description(description).tags(tags)
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** One route's meters, made once. */
    public final class RouteMeters {

        private final String name;
        /** [method][status class], registered on first use: most combinations never happen. */
        private final Counter[][] requests = new Counter[METHODS.length][STATUS_CLASSES.length];
        private final Timer reads;
        private final Timer writes;
        private final Timer streams;
        private final Timer upstream;
        private final Counter[] failures;
        private final Counter rateLimited;

        RouteMeters(String name, boolean hasUpstream) {
            this.name = name;
            String description = "Time from a request's arrival at the gateway to the end of its answer";
            this.reads = histogram("gateway.request.duration", description, registry, "route", name,
                    "operation", "read");
            this.writes = histogram("gateway.request.duration", description, registry, "route", name,
                    "operation", "write");
            this.streams = histogram("gateway.request.duration", description, registry, "route", name,
                    "operation", "stream");
            // the status classes every dashboard and alert divides by exist from the start (0, not "no data")
            for (int method : new int[]{0, 2}) {
                for (int status : new int[]{1, 4}) {
                    requests(method, status);
                }
            }
            this.rateLimited = UNMATCHED.equals(name) ? null : rateLimitCounter(name);
            if (hasUpstream) {
                this.upstream = histogram("gateway.upstream.duration",
                        "Time from sending a request upstream to the upstream's answer headers", registry,
                        "service", name);
                List<Counter> kinds = new ArrayList<>();
                for (UpstreamFailureKind kind : UpstreamFailureKind.values()) {
                    kinds.add(Counter.builder("gateway.upstream.failures")
                            .description("Upstream calls without a usable answer, by kind")
                            .tag("service", name).tag("kind", kind.label).register(registry));
                }
                this.failures = kinds.toArray(Counter[]::new);
            } else {
                this.upstream = null;
                this.failures = null;
            }
        }

        public String name() {
            return name;
        }

        /** A request answered with {@code status}, {@code startedNanos} being {@link System#nanoTime()} at arrival. */
        public void answered(HttpMethod method, int status, long startedNanos) {
            answered(method, status, startedNanos, false);
        }

        /** As {@link #answered(HttpMethod, int, long)}; {@code stream}: the answer was an event stream. */
        public void answered(HttpMethod method, int status, long startedNanos, boolean stream) {
            int m = methodIndex(method);
            int s = Math.min(Math.max(status / 100 - 1, 0), STATUS_CLASSES.length - 1);
            requests(m, s).increment();
            Timer timer = stream ? streams : m <= 1 || m == 6 ? reads : writes;
            timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        }

        public void upstreamAnswered(long sentNanos) {
            if (upstream != null) {
                upstream.record(System.nanoTime() - sentNanos, TimeUnit.NANOSECONDS);
            }
        }

        public void upstreamFailed(UpstreamFailureKind kind) {
            if (failures != null) {
                failures[kind.ordinal()].increment();
            }
        }

        public void rateLimited() {
            if (rateLimited != null) {
                rateLimited.increment();
            }
        }

        private Counter requests(int method, int status) {
            Counter counter = requests[method][status];
            if (counter == null) {
                // a benign race: the registry hands every caller the same counter
                counter = Counter.builder("gateway.requests").description("Requests answered by the gateway")
                        .tag("route", name).tag("method", METHODS[method])
                        .tag("status_class", STATUS_CLASSES[status]).register(registry);
                requests[method][status] = counter;
            }
            return counter;
        }

        private int methodIndex(HttpMethod method) {
            if (method == HttpMethod.GET) {
                return 0;
            }
            if (method == HttpMethod.HEAD) {
                return 1;
            }
            if (method == HttpMethod.POST) {
                return 2;
            }
            if (method == HttpMethod.PUT) {
                return 3;
            }
            if (method == HttpMethod.PATCH) {
                return 4;
            }
            if (method == HttpMethod.DELETE) {
                return 5;
            }
            return method == HttpMethod.OPTIONS ? 6 : 7;
        }
    }
}
