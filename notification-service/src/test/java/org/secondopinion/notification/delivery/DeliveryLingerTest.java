package org.secondopinion.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.notification.LingeringProfile;
import org.secondopinion.notification.routing.NotificationKind;
import org.secondopinion.platform.work.Workers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A woken delivery worker lingers before its pass ({@code so.work.deliveries.linger}), so that the deliveries of
 * the transactions committed meanwhile go out in the same pass: fewer claim and record transactions per delivery.
 * A long linger here ({@link LingeringProfile}) so that the test does not depend on the machine's speed.
 */
@QuarkusTest
@TestProfile(LingeringProfile.class)
class DeliveryLingerTest {

    @Inject
    DeliveryRepository repository;

    @Inject
    Workers workers;

    @Test
    void deliveriesCommittedWhileAWakeUpLingersAreSentInOnePass() throws InterruptedException {
        workers.wake(DeliveryQueue.NAME); // whatever is due from start-up goes out first, in a pass of its own
        await().atMost(Duration.ofSeconds(20)).until(() -> workers.idle(DeliveryQueue.NAME));

        UUID first = insertAndWake();
        Thread.sleep(200);
        UUID second = insertAndWake();

        await().atMost(Duration.ofSeconds(20)).until(() -> reload(first).status() == DeliveryStatus.SENT
                && reload(second).status() == DeliveryStatus.SENT);
        // a pass records its batch with one clock reading: without the linger, the first delivery would have gone
        // out in a pass of its own, 200 ms before the second was even written
        assertThat(reload(first).sentAt()).isEqualTo(reload(second).sentAt());
        assertThat(reload(first).sentAt()).isAfter(reload(second).createdAt);
    }

    private UUID insertAndWake() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            assertThat(repository.insertOnce(new Delivery(id, UUID.randomUUID().toString(), "case.submitted.v1",
                    "patient-linger", Channel.EMAIL, NotificationKind.CASE_RECEIVED, "SO-2026-000001",
                    "Your case was submitted.", List.of("patient-linger@example.org"), now, now))).isTrue();
            workers.wakeAfterCommit(DeliveryQueue.NAME);
        });
        return id;
    }

    private Delivery reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> repository.find(id));
    }
}
