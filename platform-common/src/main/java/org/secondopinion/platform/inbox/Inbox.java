package org.secondopinion.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.MalformedEventException;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The idempotent consumer (DESIGN §8): an event's effect and the inbox row that remembers it commit in one
 * transaction, so a redelivered event changes nothing. Kafka delivers at least once; this makes it once.
 * <p>
 * A message that is not a readable CloudEvent, or whose handler throws, propagates the exception: the
 * messaging channel then nacks it and its {@code dead-letter-queue} strategy parks it on the dead-letter topic
 * with the reason, without blocking the partition. Not so a failure that will pass ({@link TransientFailures}: the
 * database is away): the message is tried again with growing pauses, holding its partition, so nothing good is
 * dead-lettered by an outage. And once the service is shutting down, a message is neither processed nor nacked:
 * it stays unacknowledged, and another replica (or this one, restarted) receives it again.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final Duration HOLD_CAP = Duration.ofSeconds(90);

    private final EntityManager em;
    private final ObjectMapper mapper;
    private volatile boolean stopping;

    public Inbox(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Runs {@code handler} for the event in {@code message} unless {@code consumer} has processed it before, in one
     * transaction with the inbox row; retries while the failure is transient.
     *
     * @return whether the handler ran
     */
    public boolean process(String consumer, String message, Consumer<EventEnvelope> handler) {
        EventEnvelope event = parse(message);
        Duration pause = FIRST_PAUSE;
        while (true) {
            holdWhileStopping(consumer, event);
            try {
                return QuarkusTransaction.requiringNew().call(() -> processOnce(consumer, event, handler));
            } catch (RuntimeException e) {
                if (stopping) {
                    holdWhileStopping(consumer, event);
                }
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                LOG.warnf("%s could not process event %s (%s) for now, trying again in %d ms: %s", consumer,
                        event.id(), event.type(), pause.toMillis(), e.toString());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /**
     * During shutdown the message is left unacknowledged: this consumer thread waits (deaf to the pool's interrupts)
     * until the process is gone, so the offset is never committed and the message is delivered again elsewhere.
     * Kubernetes' grace period (and the local stack's 20 s) ends the process long before the cap below.
     */
    private void holdWhileStopping(String consumer, EventEnvelope event) {
        if (!stopping) {
            return;
        }
        LOG.infof("%s is stopping: event %s (%s) is left for redelivery", consumer, event.id(), event.type());
        long until = System.nanoTime() + HOLD_CAP.toNanos();
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                // keep holding: giving up would nack the message onto the dead-letter topic
            }
        }
        throw new IllegalStateException(consumer + " held event " + event.id() + " for " + HOLD_CAP
                + " while stopping and the process is still alive");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to process an event again", e);
        }
    }

    private boolean processOnce(String consumer, EventEnvelope event, Consumer<EventEnvelope> handler) {
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
