package org.secondopinion.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.MalformedEventException;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The idempotent consumer (DESIGN §8): an event's effect and the inbox row that remembers it commit in one
 * transaction, so a redelivered event changes nothing. Kafka delivers at least once; this makes it once.
 * The consumer loop around it ({@code platform.consumer.EventConsumer}) decides what happens when a handler fails:
 * retry while the failure will pass ({@link TransientFailures}), the dead-letter topic otherwise.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EntityManager em;
    private final ObjectMapper mapper;

    public Inbox(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /**
     * Runs {@code handler} for {@code event} unless {@code consumer} has processed it before, in a new transaction
     * with the inbox row.
     *
     * @return whether the handler ran
     */
    public boolean processOnce(String consumer, EventEnvelope event, Consumer<EventEnvelope> handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // a concurrent delivery of the same event waits here on the primary key, then finds it taken
            int inserted = em.createNativeQuery("INSERT INTO inbox_message (consumer, event_id, event_type) "
                            + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, consumer).setParameter(2, event.id()).setParameter(3, event.type())
                    .executeUpdate();
            if (inserted == 0) {
                LOG.debugf("%s skipped already processed event %s (%s)", consumer, event.id(), event.type());
                return false;
            }
            handler.accept(event);
            return true;
        });
    }

    /** An event and what to do with it, for {@link #processAllOnce}. */
    public record Delivery(EventEnvelope event, Consumer<EventEnvelope> handler) {
    }

    /**
     * Runs the handler of each delivery that {@code consumer} has not processed before, in order, all in ONE new
     * transaction with their inbox rows: one commit (and one inbox statement) for a whole poll instead of one per
     * event, which is what a consumer's throughput was waiting on. If any handler throws, nothing of the batch
     * commits and the exception propagates: the caller then processes the events one by one with
     * {@link #processOnce}, so that one bad event never takes its neighbours' effects with it.
     * An event id occurring twice in {@code deliveries} runs once. {@code beforeHandlers} gets the new events first,
     * in the same transaction (for look-ups a handler would otherwise make per event).
     *
     * @return for each delivery, whether its handler ran
     */
    public boolean[] processAllOnce(String consumer, List<Delivery> deliveries,
                                    Consumer<List<EventEnvelope>> beforeHandlers) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> fresh = insertInboxRows(consumer, deliveries);
            Set<String> once = new HashSet<>();
            beforeHandlers.accept(deliveries.stream().map(Delivery::event)
                    .filter(e -> fresh.contains(e.id()) && once.add(e.id())).toList());
            boolean[] ran = new boolean[deliveries.size()];
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery delivery = deliveries.get(i);
                // remove: a second delivery of the same id in this batch is a duplicate of the first
                if (fresh.remove(delivery.event().id())) {
                    delivery.handler().accept(delivery.event());
                    ran[i] = true;
                } else {
                    LOG.debugf("%s skipped already processed event %s (%s)", consumer, delivery.event().id(),
                            delivery.event().type());
                }
            }
            return ran;
        });
    }

    /**
     * One statement for the batch's inbox rows; RETURNING says which were new. Plain JDBC because JPA has no way to
     * bind an array parameter portably, and a statement per row is the round trip this method exists to save.
     */
    private Set<String> insertInboxRows(String consumer, List<Delivery> deliveries) {
        String[] ids = deliveries.stream().map(d -> d.event().id()).toArray(String[]::new);
        String[] types = deliveries.stream().map(d -> d.event().type()).toArray(String[]::new);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> inserted = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbox_message (consumer, event_id, event_type) "
                            + "SELECT ?, e.id, e.type FROM unnest(?::varchar[], ?::varchar[]) AS e(id, type) "
                            + "ON CONFLICT DO NOTHING RETURNING event_id")) {
                Array idArray = connection.createArrayOf("varchar", ids);
                Array typeArray = connection.createArrayOf("varchar", types);
                insert.setString(1, consumer);
                insert.setArray(2, idArray);
                insert.setArray(3, typeArray);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getString(1));
                    }
                }
            }
            return inserted;
        });
    }

    public EventEnvelope parse(String message) {
        try {
            EventEnvelope event = mapper.readValue(message, EventEnvelope.class);
            if (event.data() == null) {
                throw new MalformedEventException("event " + event.id() + " has no data");
            }
            return event;
        } catch (MalformedEventException e) {
            throw e;
        } catch (Exception e) {
            throw new MalformedEventException("not a readable CloudEvent: " + e.getMessage(), e);
        }
    }
}
