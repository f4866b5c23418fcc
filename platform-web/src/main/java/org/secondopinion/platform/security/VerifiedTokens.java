package org.secondopinion.platform.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Identities of bearer tokens already verified, until they expire (at most {@code maxAge}). A JWT cannot change
 * once signed, so the same string verifies the same way until its {@code exp}: skipping the signature check and
 * claim parsing on repeats is what keeps the gateway's added latency close to a plain proxy's, and a service's
 * small reads cheap. Bounded: when full it starts over rather than tracking usage (cheap, and a miss only costs
 * one verification). Plain Java with injectable clocks; used by the gateway's {@code EdgeAuthenticator} and the
 * services' {@code VerifiedBearerTokens} (platform-common).
 */
public class VerifiedTokens {

    private static final String BEARER = "Bearer ";

    private record Entry(SecurityIdentity identity, long validUntilNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final LongSupplier epochSecondClock;

    public VerifiedTokens(int maxEntries, Duration maxAge, LongSupplier nanoClock, LongSupplier epochSecondClock) {
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        this.epochSecondClock = epochSecondClock;
    }

    public SecurityIdentity get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.validUntilNanos() >= 0) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a verified token until {@code expiresAtEpochSecond} (the {@code exp} claim) or {@code maxAge}. */
    public void put(String token, SecurityIdentity identity, long expiresAtEpochSecond) {
        long untilExpiry = Duration.ofSeconds(expiresAtEpochSecond - epochSecondClock.getAsLong()).toNanos();
        long lifetime = Math.min(untilExpiry, maxAgeNanos);
        if (lifetime <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(token, new Entry(identity, nanoClock.getAsLong() + lifetime));
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme in any case), or null. */
    public static String bearerToken(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : null;
    }

    /** How many verified tokens are remembered (for tests). */
    public int size() {
        return entries.size();
    }
}
