package org.secondopinion.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.work.Workers;

import org.hibernate.query.NativeQuery;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction (it refuses to run without one), and
 * wakes the relay ({@link OutboxQueue}) once that transaction has committed, so publishing costs no polling delay.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Workers workers;
    private final String source;
    private final Clock clock;

    public Outbox(EntityManager em, ObjectMapper mapper, Workers workers,
                  @ConfigProperty(name = "quarkus.application.name") String applicationName, Clock clock) {
        this.em = em;
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
        // a plain INSERT, not persist(): the id is the table's identity (insertion order is publication order), and
        // Hibernate would execute an identity insert at once anyway and read the whole row back (RETURNING *)
        em.createNativeQuery("INSERT INTO outbox_event (event_id, topic, event_key, event_type, payload, created_at, "
                        + "attempts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)")
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(OutboxEvent.class) // flushes nothing but pending outbox rows first
                .setParameter(1, UUID.fromString(envelope.id()))
                .setParameter(2, topic)
                .setParameter(3, envelope.subject())
                .setParameter(4, type)
                .setParameter(5, json)
                .setParameter(6, now)
                .executeUpdate();
        workers.wakeAfterCommit(OutboxQueue.NAME);
        return envelope;
    }
}
