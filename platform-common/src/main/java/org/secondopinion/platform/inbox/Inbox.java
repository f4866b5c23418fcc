package org.secondopinion.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.MalformedEventException;

import java.util.function.Consumer;

/**
 * The idempotent consumer (DESIGN §8): an event's effect and the inbox row that remembers it commit in one
 * transaction, so a redelivered event changes nothing. Kafka delivers at least once; this makes it once.
 * <p>
 * A message that is not a readable CloudEvent, or whose handler throws, propagates the exception: the
 * messaging channel then nacks it and its {@code dead-letter-queue} strategy parks it on the dead-letter topic
 * with the reason, without blocking the partition.
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
     * Runs {@code handler} for the event in {@code message} unless {@code consumer} has processed it before.
     *
     * @return whether the handler ran
     */
    @Transactional
    public boolean process(String consumer, String message, Consumer<EventEnvelope> handler) {
        EventEnvelope event = parse(message);
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
