package org.secondopinion.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.MalformedEventException;

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
