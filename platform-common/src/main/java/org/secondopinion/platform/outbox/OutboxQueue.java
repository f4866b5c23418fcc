package org.secondopinion.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.platform.work.WorkPolicy;
import org.secondopinion.platform.work.WorkQueue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The outbox relay as a work queue: publishes outbox rows to Kafka in insertion order and marks them sent.
 * <p>
 * Woken right after every commit that wrote events ({@link Outbox}) and swept as a safety net. Exclusive: one pass at
 * a time per database across replicas (the worker holds an advisory lock for the whole pass, which PostgreSQL
 * releases by itself if the replica dies), so no two replicas publish the same rows or reorder one aggregate's
 * events. A batch is sent at once and its acknowledgements awaited together (idempotent producer, {@code acks=all},
 * order kept per partition); a row is marked sent only once the broker acknowledged it, so a crash in between
 * publishes it again (at least once: consumers deduplicate by event id).
 * <p>
 * Hand-written because no library relays an outbox without a log-reading connector (Debezium) that this platform
 * does not run.
 */
@ApplicationScoped
public class OutboxQueue implements WorkQueue<OutboxQueue.Row> {

    public static final String NAME = "outbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One unsent outbox row, as read for publishing. */
    public record Row(long id, String topic, String key, String type, String eventId, String payload) {
    }

    private final EntityManager em;
    private final String bootstrapServers;
    private final Duration sendTimeout;
    private volatile KafkaProducer<String, String> producer;

    public OutboxQueue(EntityManager em,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "so.outbox.send-timeout", defaultValue = "10s") Duration sendTimeout) {
        this.em = em;
        this.bootstrapServers = bootstrapServers;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkPolicy defaults() {
        // failed sends are retried soon (Kafka coming back is what we wait for) and never given up
        return WorkPolicy.DEFAULTS.withBatchSize(500).withLease(sendTimeout.multipliedBy(3))
                .withBackoff(new org.secondopinion.platform.work.Backoff(Duration.ofMillis(500), Duration.ofSeconds(5)))
                .withMaxAttempts(Integer.MAX_VALUE);
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Row> claim(Instant now, int limit, Instant leaseUntil) {
        // insertion order; after a failed publication the whole backlog waits for its retry time (order)
        List<Object[]> rows = em.createNativeQuery("SELECT id, topic, event_key, event_type, event_id, payload "
                        + "FROM outbox_event WHERE sent_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox_event r "
                        + "WHERE r.sent_at IS NULL AND r.next_attempt_at > ?2) ORDER BY id LIMIT ?1")
                .setParameter(1, limit).setParameter(2, now).getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], r[4].toString(), (String) r[5])).toList();
    }

    @Override
    public void perform(Row row) throws Exception {
        send(row).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the whole batch, then waits for the acknowledgements: one broker round trip for many events. */
    @Override
    public Map<Row, Exception> performAll(List<Row> rows) {
        Map<Row, Future<RecordMetadata>> acks = new LinkedHashMap<>();
        Map<Row, Exception> failures = new LinkedHashMap<>();
        for (Row row : rows) {
            try {
                acks.put(row, send(row));
            } catch (RuntimeException e) {
                // the broker is away (no metadata within max.block.ms): every later send would wait as long, and
                // none of them may count as sent before this one anyway
                failures.put(row, e);
                break;
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        acks.forEach((row, ack) -> {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                failures.put(row, e);
            }
        });
        // from the first failure on, nothing counts as sent: the retry publishes those rows again in their order
        boolean failedBefore = false;
        for (Row row : rows) {
            if (failures.containsKey(row)) {
                failedBefore = true;
            } else if (failedBefore) {
                failures.put(row, new IllegalStateException("an earlier event of the batch was not published"));
            }
        }
        return failures;
    }

    private Future<RecordMetadata> send(Row row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add("ce_type", row.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", row.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type",
                "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        String traceparent = traceparentOf(row.payload());
        if (traceparent != null) {
            // the Kafka binding of the CloudEvents tracing extension: consumers continue the trace
            record.headers().add(TraceContext.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return producer().send(record);
    }

    @Override
    public void succeeded(Row row, Instant now) {
        succeededAll(List.of(row), now);
    }

    /** The whole published batch in one statement. */
    @Override
    public void succeededAll(List<Row> rows, Instant now) {
        em.createNativeQuery("UPDATE outbox_event SET sent_at = ?1, attempts = attempts + 1, last_error = NULL, "
                        + "next_attempt_at = NULL WHERE id = ANY (CAST(?2 AS bigint[]))")
                .setParameter(1, now).setParameter(2, rows.stream().map(Row::id).toArray(Long[]::new))
                .executeUpdate();
    }

    @Override
    public Outcome failed(Row row, String error, Instant now, WorkPolicy policy) {
        Object attempts = em.createNativeQuery("UPDATE outbox_event SET attempts = attempts + 1, "
                        + "last_error = left(?1, 1000) WHERE id = ?2 AND sent_at IS NULL RETURNING attempts")
                .setParameter(1, error).setParameter(2, row.id())
                .getResultStream().findFirst().orElse(null);
        if (attempts == null) {
            return Outcome.GONE;
        }
        em.createNativeQuery("UPDATE outbox_event SET next_attempt_at = ?1 WHERE id = ?2")
                .setParameter(1, policy.retryAt(((Number) attempts).intValue(), now)).setParameter(2, row.id())
                .executeUpdate();
        return Outcome.RETRY;
    }

    @Override
    public Backlog backlog() {
        return Backlog.of((Object[]) em.createNativeQuery("SELECT count(*), min(created_at) FROM outbox_event "
                + "WHERE sent_at IS NULL").getSingleResult());
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

    /** After the worker's last pass ({@link org.secondopinion.platform.work.Workers} stops earlier, by priority). */
    void close(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER)
               ShutdownEvent event) {
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
