package org.secondopinion.notification.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.StatisticsTargets;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed and the delivery log grow with every notification; their auto-analyze samples 3,000 rows, not the
 * default's 30,000, and keeps no samples of notification texts or addresses.
 */
@QuarkusTest
class LeanStatisticsTest {

    @Inject
    EntityManager em;

    @Inject
    DataSource db;

    @Test
    void theFeedAndTheDeliveryLogAreAnalyzedFromASmallSampleWithoutTheirTexts() {
        for (String table : new String[]{"delivery", "notification", "outbox_event", "inbox_message"}) {
            assertThat(StatisticsTargets.largest(db, table)).as(table).isLessThanOrEqualTo(10);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT attname FROM pg_attribute WHERE attrelid IN ('delivery'::regclass, 'notification'::regclass) "
                        + "AND attname IN ('text', 'addresses') AND attstattarget <> 0").getResultList())).isEmpty();
    }
}
