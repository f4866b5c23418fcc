package org.secondopinion.platform.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Applies every {@link RetentionRule} of the service, hourly. Each batch deletes at most
 * {@code so.retention.batch-size} rows in its own short transaction, so a big first clean-up neither holds locks
 * for long nor bloats one transaction. Replicas take turns (a transaction-scoped advisory lock per batch).
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Instance<RetentionRule> rules;
    private final EntityManager em;
    private final Config config;
    private final Clock clock;
    private final int batchSize;

    public Retention(Instance<RetentionRule> rules, EntityManager em, Config config, Clock clock,
                     @ConfigProperty(name = "so.retention.batch-size", defaultValue = "1000") int batchSize) {
        this.rules = rules;
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${so.retention.interval:1h}", delayed = "${so.retention.first-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyAll() {
        for (RetentionRule rule : rules) {
            try {
                apply(rule);
            } catch (RuntimeException e) {
                LOG.warnf("retention of %s failed, will retry next time: %s", rule.name(), e.toString());
            }
        }
    }

    /** Deletes the rule's expired rows, batch by batch. @return how many rows went */
    public long apply(RetentionRule rule) {
        if (!PLAIN_NAME.matcher(rule.table()).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + rule.table());
        }
        Duration age = config.getOptionalValue("so.retention." + rule.name() + ".age", Duration.class)
                .orElse(rule.defaultAge());
        Instant cutOff = clock.instant().minus(age);
        String delete = "DELETE FROM " + rule.table() + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + rule.table()
                + " WHERE " + rule.expiredWhen() + " LIMIT " + batchSize + " FOR UPDATE SKIP LOCKED))";
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                Boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, "so.retention." + rule.name()).getSingleResult();
                if (!Boolean.TRUE.equals(mine)) {
                    return 0; // another replica is on it
                }
                return em.createNativeQuery(delete).setParameter(1, cutOff).executeUpdate();
            });
            total += deleted;
        } while (deleted == batchSize);
        if (total > 0) {
            LOG.infof("retention: %d %s rows older than %s deleted", total, rule.name(), age);
        }
        return total;
    }
}
