package org.secondopinion.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads a topic from the test broker the way a consumer service would, to assert what a service published.
 * It reads from the end as of its creation, so earlier tests' events do not leak into a test's assertions.
 */
public final class EventProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private EventProbe(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        // dead-letter topics appear only with the first dead letter: make sure there is something to read from
        PlatformTestResource.kafka().createTopics(java.util.Map.of(topic, java.util.Map.of()));
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(consumer::position); // fix the start position now
    }

    public static EventProbe on(String topic) {
        return new EventProbe(PlatformTestResource.kafka().bootstrapServers(), topic);
    }

    /** Waits for the first event matching {@code filter}; its CloudEvents envelope as JSON. */
    public JsonNode await(Predicate<JsonNode> filter, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        do {
            Optional<JsonNode> match = events().stream().filter(filter).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(record);
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no matching event within " + timeout + "; saw " + events());
    }

    public JsonNode await(String type, String subject, Duration timeout) {
        return await(e -> type.equals(e.path("type").asText()) && subject.equals(e.path("subject").asText()), timeout);
    }

    /** The value of a header of the record an {@link #await awaited} event came in, or null. */
    public String header(JsonNode event, String name) {
        for (ConsumerRecord<String, String> record : seen) {
            try {
                if (JSON.readTree(record.value()).equals(event)) {
                    var header = record.headers().lastHeader(name);
                    return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
                }
            } catch (Exception e) {
                // not JSON: not the event we look for
            }
        }
        return null;
    }

    /** Everything received so far (after draining what is there now). */
    public List<JsonNode> drain(Duration quietPeriod) {
        for (ConsumerRecord<String, String> record : consumer.poll(quietPeriod)) {
            seen.add(record);
        }
        return events();
    }

    /** Record keys seen so far, in order. */
    public List<String> keys() {
        return seen.stream().map(ConsumerRecord::key).toList();
    }

    private List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : seen) {
            try {
                events.add(JSON.readTree(record.value()));
            } catch (Exception e) {
                events.add(JSON.createObjectNode().put("unreadable", record.value()));
            }
        }
        return events;
    }

    /**
     * Publishes a raw message (e.g. a poison one) to a topic, with the headers the platform's outbox relay sets, so
     * consumers are tested against records exactly as they arrive in production.
     */
    public static void send(String topic, String key, String value) {
        send(topic, key, value, java.util.Map.of());
    }

    /** As {@link #send(String, String, String)}, with extra headers (e.g. a W3C {@code traceparent}). */
    public static void send(String topic, String key, String value, java.util.Map<String, String> headers) {
        Properties config = new Properties();
        config.put("bootstrap.servers", PlatformTestResource.kafka().bootstrapServers());
        config.put("acks", "all");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(config,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            var record = new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value);
            record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            headers.forEach((name, value2) -> record.headers().add(name,
                    value2.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * Publishes {@code values} under one key as ONE producer batch: the broker appends them together and a consumer
     * fetches them in one poll, as a busy topic delivers them (to test how a consumer handles a poll of several).
     */
    public static void sendTogether(String topic, String key, java.util.List<String> values) {
        Properties config = new Properties();
        config.put("bootstrap.servers", PlatformTestResource.kafka().bootstrapServers());
        config.put("acks", "all");
        config.put("linger.ms", "60000"); // nothing leaves before flush(): all of them in one batch
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(config,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value)));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> each : sent) {
                each.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
