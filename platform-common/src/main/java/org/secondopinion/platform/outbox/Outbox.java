package org.secondopinion.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.work.Workers;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction (it refuses to run without one), and
 * wakes the relay ({@link OutboxQueue}) once that transaction has committed, so publishing costs no polling delay.
 */
@ApplicationScoped
public class Outbox {

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final Workers workers;
    private final String source;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    /** The key under which a transaction keeps the rows it published. */
    private final Object pendingKey = new Object();

    public Outbox(DataSource dataSource, ObjectMapper mapper, Workers workers,
                  @ConfigProperty(name = "quarkus.application.name") String applicationName, Clock clock,
                  TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.mapper = mapper;
        this.workers = workers;
        this.source = "/second-opinion/" + applicationName;
        this.clock = clock;
    }

    /**
     * Records an event for {@code topic}, keyed by {@code subject} (the aggregate id).
     *
     * @return the envelope as it will be published
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, String type, Object subject, Object data) {
        Instant now = clock.instant();
        EventEnvelope envelope = EventEnvelope.create(source, type, subject.toString(), now, mapper.valueToTree(data),
                TraceContext.current());
        String json;
        try {
            json = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " cannot be serialised", e);
        }
        pendingRows().add(new Row(UUID.fromString(envelope.id()), topic, envelope.subject(), type, json, now));
        return envelope;
    }

    /**
     * The rows this transaction published, written in one JDBC batch (one round trip) just before it commits, after
     * Hibernate's own flush. Before, each event was an INSERT of its own at publish time: a round trip per event,
     * a fifth of a busy consumer's time when it handles a poll's events in one transaction. Insertion order is still
     * publication order (the id is the table's identity). A transaction that rolls back writes none.
     */
    private List<Row> pendingRows() {
        @SuppressWarnings("unchecked")
        List<Row> rows = (List<Row>) transactions.getResource(pendingKey);
        if (rows == null) {
            List<Row> fresh = new ArrayList<>();
            transactions.putResource(pendingKey, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    insert(fresh);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            workers.wakeAfterCommit(OutboxQueue.NAME);
            rows = fresh;
        }
        return rows;
    }

    private void insert(List<Row> rows) {
        // plain JDBC: a batch of parameterised INSERTs, which the PostgreSQL driver sends in one round trip; JPA's
        // native queries execute one by one, and persist() would read every identity row back. The pool hands out
        // the connection enlisted in this transaction, and the handle is closed here: Hibernate's doWork() left one
        // open at this late point (after its own flush), which the pool closed at commit with a warning per event.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_event (event_id, topic, "
                     + "event_key, event_type, payload, created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            for (Row row : rows) {
                insert.setObject(1, row.eventId());
                insert.setString(2, row.topic());
                insert.setString(3, row.key());
                insert.setString(4, row.type());
                insert.setString(5, row.payload());
                insert.setObject(6, row.createdAt().atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("could not write " + rows.size() + " outbox row(s): " + e.getMessage(), e);
        }
    }

    private record Row(UUID eventId, String topic, String key, String type, String payload, Instant createdAt) {
    }
}
