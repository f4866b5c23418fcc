package org.secondopinion.platform.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka in insertion order and marks them sent.
 * <p>
 * Woken right after every commit that wrote events ({@link Outbox}) and by a periodic sweep, the safety net for
 * rows left behind by a crash or a Kafka outage. One pass runs at a time per process (a single thread), and one
 * per database across replicas: the pass holds a transaction-scoped advisory lock, so two replicas never publish
 * the same rows or reorder one aggregate's events. The producer is idempotent with {@code acks=all}; a row is
 * marked sent only after the broker acknowledged it, so a crash in between publishes it again (at least once:
 * consumers deduplicate by event id).
 * <p>
 * Hand-written because no library relays an outbox without a log-reading connector (Debezium) that this
 * platform does not run.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant: the advisory-lock id shared by every replica of one service. */
    private static final long RELAY_LOCK_ID = 0x5EC0_0D0B_0C5EL;

    private final EntityManager em;
    private final String bootstrapServers;
    private final int batchSize;
    private final Duration sendTimeout;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private volatile KafkaProducer<String, String> producer;

    public OutboxRelay(EntityManager em,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "so.outbox.batch-size", defaultValue = "200") int batchSize,
                       @ConfigProperty(name = "so.outbox.send-timeout", defaultValue = "10s") Duration sendTimeout) {
        this.em = em;
        this.bootstrapServers = bootstrapServers;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
    }

    /** Asks for a relay pass soon; cheap and safe to call from any thread, any number of times. */
    public void wake() {
        if (!stopped && pending.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** The safety net: rows left behind by a crash or an outage are picked up within one interval. */
    @Scheduled(every = "${so.outbox.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    /** Number of events not yet published; the backlog operators watch. */
    public long backlog() {
        return QuarkusTransaction.joiningExisting().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")
                .getSingleResult()).longValue());
    }

    private void drain() {
        pending.set(false);
        try {
            while (!stopped && relayBatch() == batchSize) {
                // a full batch: there may be more
            }
        } catch (OutboxRelayException e) {
            // Kafka is away: the rows stay unsent and the next wake-up or sweep retries them
            LOG.warnf("outbox relay pass failed, will retry: %s", e.getMessage());
            recordFailure(e);
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay pass failed, will retry: %s", e.toString());
        }
    }

    int relayBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) sendTimeout.toSeconds() * 3).call(() -> {
            Boolean leader = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK_ID).getSingleResult();
            if (!Boolean.TRUE.equals(leader)) {
                return 0; // another replica is relaying right now
            }
            @SuppressWarnings("unchecked")
            List<OutboxEvent> rows = em.createNativeQuery("SELECT * FROM outbox_event WHERE sent_at IS NULL "
                            + "ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED", OutboxEvent.class)
                    .setParameter(1, batchSize).getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            Instant now = Instant.now();
            try {
                List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                for (OutboxEvent row : rows) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.key, row.payload);
                    record.headers().add("ce_type", row.type.getBytes(StandardCharsets.UTF_8));
                    record.headers().add("ce_id", row.eventId.toString().getBytes(StandardCharsets.UTF_8));
                    record.headers().add("content-type",
                            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
                    String traceparent = traceparentOf(row.payload);
                    if (traceparent != null) {
                        // the Kafka binding of the CloudEvents tracing extension: consumers continue the trace
                        record.headers().add(TraceContext.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
                    }
                    acks.add(producer().send(record));
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                throw new OutboxRelayException(rows.get(0).id, rows.get(rows.size() - 1).id, e);
            }
            for (OutboxEvent row : rows) {
                row.sentAt = now;
                row.attempts++;
            }
            LOG.debugf("relayed %d outbox events", rows.size());
            return rows.size();
        });
    }

    /** The envelope's {@code traceparent}, if the event was written inside a trace. */
    static String traceparentOf(String payload) {
        if (!payload.contains("\"traceparent\"")) {
            return null;
        }
        try {
            String value = JSON.readTree(payload).path(TraceContext.HEADER).asText(null);
            return value == null || value.isBlank() ? null : value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // written by Outbox, so always JSON; a trace is not worth failing the relay for
        }
    }

    /** Leaves a trace on the rows of a failed pass (its own transaction: the pass itself rolled back). */
    private void recordFailure(OutboxRelayException e) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE outbox_event "
                            + "SET attempts = attempts + 1, last_error = left(?1, 1000) "
                            + "WHERE id BETWEEN ?2 AND ?3 AND sent_at IS NULL")
                    .setParameter(1, e.getMessage()).setParameter(2, e.firstId).setParameter(3, e.lastId)
                    .executeUpdate());
        } catch (RuntimeException ignored) {
            // the database is away too; nothing more to record
        }
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties config = new Properties();
                    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // ordered when idempotent
                    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) sendTimeout.toMillis());
                    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis());
                    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis() * 2);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
                    producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        worker.shutdown();
        try {
            // let a pass in flight finish, so what Kafka acknowledged is also marked sent
            worker.awaitTermination(sendTimeout.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    /** A pass that could not publish; the rows stay unsent. */
    static final class OutboxRelayException extends RuntimeException {
        final long firstId;
        final long lastId;

        OutboxRelayException(long firstId, long lastId, Throwable cause) {
            super("could not publish outbox rows " + firstId + ".." + lastId + ": " + cause, cause);
            this.firstId = firstId;
            this.lastId = lastId;
        }
    }
}
