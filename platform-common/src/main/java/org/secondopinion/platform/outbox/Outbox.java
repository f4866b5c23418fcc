package org.secondopinion.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.secondopinion.platform.tx.AfterCommit;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.platform.events.EventEnvelope;

import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's transaction (it refuses to run without one), and
 * wakes the {@link OutboxRelay} once that transaction has committed, so publishing costs no polling delay.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_KEY = new Object();

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final String source;

    public Outbox(EntityManager em, ObjectMapper mapper, TransactionSynchronizationRegistry transactions,
                  OutboxRelay relay, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.em = em;
        this.mapper = mapper;
        this.transactions = transactions;
        this.relay = relay;
        this.source = "/second-opinion/" + applicationName;
    }

    /**
     * Records an event for {@code topic}, keyed by {@code subject} (the aggregate id).
     *
     * @return the envelope as it will be published
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, String type, Object subject, Object data) {
        EventEnvelope envelope = EventEnvelope.create(source, type, subject.toString(), mapper.valueToTree(data),
                TraceContext.current());
        String json;
        try {
            json = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + type + " cannot be serialised", e);
        }
        em.persist(new OutboxEvent(UUID.fromString(envelope.id()), topic, envelope.subject(), type, json));
        wakeRelayAfterCommit();
        return envelope;
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_KEY) != null) {
            return; // one wake-up per transaction is enough
        }
        transactions.putResource(WAKE_KEY, Boolean.TRUE);
        AfterCommit.run(transactions, relay::wake);
    }
}
