package org.secondopinion.platform.quota;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Quotas on expensive operations, beyond the gateway's per-client request rate: how much one key (a case, a
 * clinic) may spend of a named quota in a fixed window, e.g. 50 uploads per case per day. Configured per deployment
 * as {@code so.quotas.<name>.limit} and {@code so.quotas.<name>.window} (windows are aligned to the epoch, so a day
 * is a UTC day). The count is one atomic upsert in the caller's transaction: concurrent requests for a key queue on
 * its row, and a refused (or otherwise failed) request rolls its spending back with everything else it did.
 */
@ApplicationScoped
public class Quotas {

    private final EntityManager em;
    private final Config config;
    private final Clock clock;

    public Quotas(EntityManager em, Config config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** {@link #spend(String, String, long)} of one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void spend(String quota, String key) {
        spend(quota, key, 1);
    }

    /**
     * Counts {@code amount} against the quota for the key in the current window.
     *
     * @throws QuotaExceededProblem (429 with Retry-After) if that would pass the limit; the caller's transaction
     *                              must then roll back (a {@code RuntimeException} out of a {@code @Transactional}
     *                              method does)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void spend(String quota, String key, long amount) {
        long limit = config.getValue("so.quotas." + quota + ".limit", Long.class);
        Duration window = config.getValue("so.quotas." + quota + ".window", Duration.class);
        Instant now = clock.instant();
        long windowMillis = window.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis);
        Instant end = start.plus(window);
        Number used = (Number) em.createNativeQuery("INSERT INTO quota_usage (quota, quota_key, window_start,"
                        + " window_end, used) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (quota, quota_key, window_start)"
                        + " DO UPDATE SET used = quota_usage.used + EXCLUDED.used RETURNING used")
                .setParameter(1, quota).setParameter(2, key).setParameter(3, start).setParameter(4, end)
                .setParameter(5, amount).getSingleResult();
        if (used.longValue() > limit) {
            long retryAfter = Math.max(1, (Duration.between(now, end).toMillis() + 999) / 1000);
            throw new QuotaExceededProblem(quota, limit, retryAfter, "quota " + quota + " allows " + limit
                    + " per " + window + "; " + (used.longValue() - amount) + " used in this window, which ends in "
                    + retryAfter + " s");
        }
    }
}
