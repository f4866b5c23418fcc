package org.secondopinion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Reads a platform topic from its end, as the platform's own consumers would, and notes when each case's first event
 * of the watched types arrived ({@link System#nanoTime()}): the moment the change is committed and visible.
 */
final class TopicWatcher implements AutoCloseable {

    /**
     * When an event arrived here ({@code nanos}, {@link System#nanoTime()}), and three wall-clock moments in
     * milliseconds for the hop breakdown: raised (the envelope's {@code time}, set in the producing transaction),
     * sent (the Kafka record's CreateTime, set by the relay's producer) and received here.
     */
    record Seen(String type, long nanos, double raisedMillis, long sentMillis, long receivedMillis) {
    }

    private final Map<String, Seen> firstByCase = new ConcurrentHashMap<>();
    private final Map<String, Integer> countByCase = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean running = true;

    TopicWatcher(String bootstrap, String topic, Set<String> types) {
        thread = new Thread(() -> poll(bootstrap, topic, types), "watch-" + topic);
        thread.setDaemon(true);
        thread.start();
        try {
            assigned.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll(String bootstrap, String topic, Set<String> types) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            assigned.countDown();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    long nowMillis = System.currentTimeMillis();
                    JsonNode event = CaseFlow.read(record.value());
                    String type = event.path("type").asText();
                    if (types.contains(type)) {
                        String caseId = event.path("data").path("caseId").asText();
                        firstByCase.putIfAbsent(caseId, new Seen(type, now, millis(event.path("time")),
                                record.timestamp(), nowMillis));
                        countByCase.merge(caseId + "|" + type, 1, Integer::sum);
                    }
                }
            }
        }
    }

    /** The envelope's {@code time}: an ISO-8601 instant, or (should a mapper write numbers) epoch seconds. */
    private static double millis(JsonNode instant) {
        if (instant.isNumber()) {
            return instant.asDouble() * 1e3;
        }
        try {
            Instant time = Instant.parse(instant.asText());
            return time.getEpochSecond() * 1e3 + time.getNano() / 1e6;
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    Seen first(String caseId) {
        return firstByCase.get(caseId);
    }

    /** How many events of {@code type} arrived for the case (more than one: decided twice). */
    int count(String caseId, String type) {
        return countByCase.getOrDefault(caseId + "|" + type, 0);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
