package org.secondopinion.platform.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Parks a message its consumer cannot process on {@code <topic>.<consumer>.dlq}: key, value and headers as they
 * came, plus the reason ({@code dead-letter-reason}, {@code dead-letter-cause}, {@code dead-letter-exception-class-name})
 * and where it came from ({@code dead-letter-topic}, {@code -partition}, {@code -offset}), the header names the
 * SmallRye dead-letter strategy used, so operators' replay tooling keeps working. Synchronous: the consumer commits
 * the message's offset only once the broker holds the dead letter.
 */
final class DeadLetters implements AutoCloseable {

    private final String consumer;
    private final KafkaProducer<String, String> producer;

    DeadLetters(String bootstrapServers, String consumer) {
        this.consumer = consumer;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, consumer + "-dead-letters");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static String topicFor(String topic, String consumer) {
        return topic + "." + consumer + ".dlq";
    }

    void park(ConsumerRecord<String, String> record, Throwable reason) throws Exception {
        ProducerRecord<String, String> letter = new ProducerRecord<>(topicFor(record.topic(), consumer), null,
                record.key(), record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        add(letter, "dead-letter-reason", String.valueOf(reason.getMessage()));
        Throwable cause = reason.getCause();
        if (cause != null) {
            add(letter, "dead-letter-cause", String.valueOf(cause.getMessage()));
        }
        add(letter, "dead-letter-exception-class-name", reason.getClass().getName());
        add(letter, "dead-letter-topic", record.topic());
        add(letter, "dead-letter-partition", Integer.toString(record.partition()));
        add(letter, "dead-letter-offset", Long.toString(record.offset()));
        producer.send(letter).get(30, TimeUnit.SECONDS);
    }

    private static void add(ProducerRecord<String, String> letter, String name, String value) {
        letter.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
