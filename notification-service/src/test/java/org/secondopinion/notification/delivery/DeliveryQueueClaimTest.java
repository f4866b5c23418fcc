package org.secondopinion.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery queue's claim and its recording of a sent batch, against the real table. The rows are due years from
 * now, so the running worker (which claims with the real clock) never sees them; the test claims "then".
 */
@QuarkusTest
class DeliveryQueueClaimTest {

    private static final Duration LEASE = Duration.ofHours(1);

    @Inject
    DeliveryQueue queue;

    @Inject
    DeliveryRepository repository;

    @Inject
    UserTransaction transaction;

    @Test
    void aClaimLeasesTheDueRowsAndNoOtherClaimTakesThemUntilTheLeaseEnds() throws Exception {
        Instant due = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<UUID> mine = insert(due, 3);
        Instant then = due.plusSeconds(1);
        Instant afterLease = then.plus(LEASE).plusSeconds(1);

        // other tests' rows (held by quiet hours, waiting for a retry) are due "then" as well, so these claims take
        // them too: they run in one transaction that is rolled back, and only this test's rows are asserted on
        transaction.begin();
        try {
            List<UUID> first = ids(queue.claim(then, 1000, then.plus(LEASE)));
            assertThat(first).containsAll(mine);
            for (UUID id : mine) {
                assertThat(repository.find(id).nextAttemptAt()).isEqualTo(then.plus(LEASE));
            }
            // leased: a second pass at the same moment does not take them
            assertThat(ids(queue.claim(then, 1000, then.plus(LEASE)))).doesNotContainAnyElementsOf(mine);
            // once the lease has run out (the sender died mid-send), they are due again
            assertThat(ids(queue.claim(afterLease, 1000, afterLease.plus(LEASE)))).containsAll(mine);
        } finally {
            transaction.rollback();
        }
        QuarkusTransaction.requiringNew().run(() -> queue.succeededAll(mine.stream().map(repository::find).toList(),
                then));
    }

    @Test
    void aSentBatchIsRecordedSentOnceAndARowAlreadyFinalKeepsItsOutcome() {
        Instant due = Instant.now().plus(3660, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<UUID> rows = insert(due, 3);
        Instant then = due.plusSeconds(1);
        List<Delivery> batch = rows.stream().map(this::reload).toList();
        // another pass (an earlier lease that ran out) already sent the third
        Instant earlier = then.minusMillis(500);
        QuarkusTransaction.requiringNew().run(() -> repository.find(rows.get(2)).sent(earlier));

        QuarkusTransaction.requiringNew().run(() -> queue.succeededAll(batch, then));

        for (UUID id : rows.subList(0, 2)) {
            Delivery d = reload(id);
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.sentAt()).isEqualTo(then);
        }
        Delivery alreadySent = reload(rows.get(2));
        assertThat(alreadySent.attempts()).isEqualTo(1);
        assertThat(alreadySent.sentAt()).isEqualTo(earlier);
    }

    /** {@code n} e-mail deliveries due at {@code due}, {@code due + 1 ms}, ... in that order. */
    private List<UUID> insert(Instant due, int n) {
        List<UUID> ids = new java.util.ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < n; i++) {
                Delivery d = new Delivery(UUID.randomUUID(), UUID.randomUUID().toString(), "case.submitted.v1",
                        "patient-claims", Channel.EMAIL, NotificationKind.CASE_RECEIVED, "SO-2026-000001",
                        "Your case was submitted.", List.of("patient-claims@example.org"), Instant.now(),
                        due.plusMillis(i));
                assertThat(repository.insertOnce(d)).isTrue();
                ids.add(d.id);
            }
        });
        return ids;
    }

    private Delivery reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> repository.find(id));
    }

    private static List<UUID> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.id).toList();
    }
}
