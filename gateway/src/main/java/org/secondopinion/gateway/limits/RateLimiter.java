package org.secondopinion.gateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.secondopinion.gateway.routing.Route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets, one per (scope, client): a scope is a route name (or {@code anonymous}), a client a
 * token subject, clinic id or remote address. Limits are per gateway instance; with several replicas each one
 * enforces its own share (a shared store is a later step).
 */
public class RateLimiter {

    /** Allowed, or refused with the whole seconds to wait before the next request can pass. */
    public record Decision(boolean allowed, long retryAfterSeconds, long remaining) {
    }

    private record Entry(Bucket bucket, long capacity) {
    }

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter clock;

    public RateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    public RateLimiter(TimeMeter clock) {
        this.clock = clock;
    }

    public Decision tryConsume(String scope, Route.RateLimit limit, String client) {
        Entry entry = buckets.computeIfAbsent(scope + '|' + client, key -> new Entry(Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .withCustomTimePrecision(clock)
                .build(), limit.capacity()));
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0, probe.getRemainingTokens());
        }
        // Retry-After is in whole seconds: round up so a client that obeys it is let through
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(false, seconds, 0);
    }

    /**
     * Forgets buckets that have refilled completely: such a client is indistinguishable from a new one, so the
     * map holds only clients seen recently instead of every address that ever called.
     */
    public int evictIdle() {
        int before = buckets.size();
        buckets.entrySet().removeIf(e -> e.getValue().bucket().getAvailableTokens() >= e.getValue().capacity());
        return before - buckets.size();
    }

    int size() {
        return buckets.size();
    }
}
