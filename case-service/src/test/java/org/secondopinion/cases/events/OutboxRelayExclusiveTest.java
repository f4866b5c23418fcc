package org.secondopinion.cases.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.platform.outbox.OutboxQueue;
import org.secondopinion.platform.work.Workers;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN §8: an event commits with the change that raised it; one replica publishes the outbox at a time (order per
 * aggregate), and a replica that finds another publishing does not drop its wake-up: its events go out as soon as
 * the other's pass ends.
 */
@QuarkusTest
class OutboxRelayExclusiveTest {

    @Inject
    Workers workers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void whileAnotherReplicaPublishesThisOneWaitsForItsTurnThenPublishes() throws SQLException {
        UUID id;
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, Workers.lockKey(OutboxQueue.NAME));
                lock.execute();
            }
            id = CaseApi.createSpineCase("patient-relay-turn");
            CaseApi.submit("patient-relay-turn", id).statusCode(200);

            assertThat(workers.passNow(OutboxQueue.NAME)).as("a pass while another replica's runs").isEqualTo(-1);
            assertThat(unsentEventsOf(id)).as("nothing of this case published during the other's pass").isEqualTo(1);
            otherReplica.rollback(); // the other replica's pass ends (a crash would end it the same way)
        }
        // with no new commit: the refused wake-up looks again by itself (within 50 ms; the sweep would take up to 5 s)
        await().atMost(Duration.ofSeconds(5)).until(() -> unsentEventsOf(id) == 0);
    }

    @Test
    void theEventCommitsInTheTransactionThatChangedTheCase() throws SQLException {
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, Workers.lockKey(OutboxQueue.NAME)); // the relay may not mark the row sent meanwhile
                lock.execute();
            }
            UUID id = CaseApi.createSpineCase("patient-relay-atomic");
            CaseApi.submit("patient-relay-atomic", id).statusCode(200);

            // xmin: the transaction that wrote the row version; the submit's update and its event share one
            assertThat(single("SELECT xmin::text FROM outbox_event WHERE event_key = ? AND sent_at IS NULL", id))
                    .isEqualTo(single("SELECT xmin::text FROM patient_case WHERE id = ?::uuid", id));
            otherReplica.rollback();
        }
    }

    private String single(String sql, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    private long unsentEventsOf(UUID caseId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM outbox_event WHERE event_key = ? AND sent_at IS NULL")) {
            s.setString(1, caseId.toString());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
