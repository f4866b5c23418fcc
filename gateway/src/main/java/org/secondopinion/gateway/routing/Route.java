package org.secondopinion.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One upstream service, the path prefixes it owns, and the limits that apply to calls through it. */
public record Route(String name, List<String> prefixes, String host, int port, boolean ssl,
                    Duration timeout, Duration connectTimeout, RateLimit rateLimit, long maxBodyBytes,
                    BreakerSettings breaker) {

    /** {@code capacity} requests at once, refilled evenly over {@code period}. */
    public record RateLimit(long capacity, Duration period) {
        public RateLimit {
            if (capacity < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("rate limit needs capacity >= 1 and a positive period");
            }
        }
    }

    public record BreakerSettings(int failureThreshold, Duration coolDown) {
        public BreakerSettings {
            if (failureThreshold < 1 || coolDown.isNegative()) {
                throw new IllegalArgumentException("breaker needs failure-threshold >= 1 and a cool-down >= 0");
            }
        }
    }

    static final RateLimit DEFAULT_RATE_LIMIT = new RateLimit(300, Duration.ofMinutes(1));
    static final long DEFAULT_MAX_BODY = 25L * 1024 * 1024;
    static final BreakerSettings DEFAULT_BREAKER = new BreakerSettings(5, Duration.ofSeconds(10));

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(breaker, "breaker");
        prefixes = prefixes.stream().map(Route::withoutTrailingSlash).toList();
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(p -> !p.startsWith("/"))) {
            throw new IllegalArgumentException("route " + name + ": prefixes must start with '/': " + prefixes);
        }
    }

    /** Builds a route with default limits from an upstream base URL such as {@code http://127.0.0.1:8081}. */
    public static Route of(String name, String url, List<String> prefixes, Duration timeout, Duration connectTimeout) {
        return of(name, url, prefixes, timeout, connectTimeout, DEFAULT_RATE_LIMIT, DEFAULT_MAX_BODY, DEFAULT_BREAKER);
    }

    public static Route of(String name, String url, List<String> prefixes, Duration timeout, Duration connectTimeout,
                           RateLimit rateLimit, long maxBodyBytes, BreakerSettings breaker) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("route " + name + ": upstream URL must be http(s)://host[:port], was " + url);
        }
        boolean ssl = "https".equals(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
        return new Route(name, prefixes, uri.getHost(), port, ssl, timeout, connectTimeout, rateLimit, maxBodyBytes,
                breaker);
    }

    /** The prefix that owns {@code path}, or -1: {@code /api/v1/cases} owns {@code /api/v1/cases/1} but not {@code /api/v1/casesx}. */
    int matchLength(String path) {
        int best = -1;
        for (String prefix : prefixes) {
            boolean owns = path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/';
            if (owns && prefix.length() > best) {
                best = prefix.length();
            }
        }
        return best;
    }

    private static String withoutTrailingSlash(String prefix) {
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
