package org.secondopinion.cases.events;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;
import org.secondopinion.infra.KafkaBroker;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.PlatformTestResource;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.outbox.OutboxQueue;
import org.secondopinion.platform.work.Workers;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** DESIGN §8: with Kafka down a submission still succeeds, and its event is published once Kafka is back. */
@QuarkusTest
class OutboxDuringKafkaOutageTest {

    @Inject
    Workers workers;

    @Test
    void aCaseSubmittedWhileKafkaIsDownIsPublishedWhenKafkaReturns() {
        KafkaBroker kafka = PlatformTestResource.kafka();
        UUID id = CaseApi.createSpineCase("patient-outage");
        kafka.stop();
        try {
            CaseApi.submit("patient-outage", id).statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.backlog(OutboxQueue.NAME).rows() >= 1);
        } finally {
            kafka.restart();
        }
        try (EventProbe probe = EventProbe.on(Topics.CASE_EVENTS)) {
            // the probe starts at the end; the event may already be there, so look from the relay's side too
            await().atMost(Duration.ofSeconds(60)).until(() -> workers.backlog(OutboxQueue.NAME).rows() == 0);
        }
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(consumerConfig(kafka))) {
            consumer.subscribe(java.util.List.of(Topics.CASE_EVENTS));
            java.util.List<String> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.key() + "|" + r.value()));
                return seen.stream().anyMatch(s -> s.startsWith(id + "|") && s.contains("case.submitted.v1"));
            });
            assertThat(seen).anyMatch(s -> s.startsWith(id + "|"));
        }
    }

    private static java.util.Properties consumerConfig(KafkaBroker kafka) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", "outage-test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        return p;
    }
}
