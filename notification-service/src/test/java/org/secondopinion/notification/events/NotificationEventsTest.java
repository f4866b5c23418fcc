package org.secondopinion.notification.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.PlatformTestResource;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.notification.TestEvents;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.secondopinion.notification.FeedClient.itemsAbout;

@QuarkusTest
class NotificationEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Test
    void offeredCaseLandsInTheOfferedSpecialistsFeedOnly() {
        String ref = TestEvents.newReference();
        TestEvents.sendMatchingEvent(json, TestEvents.matchOffered(json, UUID.randomUUID(), ref, "specialist1"));

        String specialist1 = TestTokens.specialist("specialist1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(itemsAbout(specialist1, ref)).hasSize(1));

        Map<String, Object> item = itemsAbout(specialist1, ref).get(0);
        assertThat(item).containsEntry("kind", "OFFER_RECEIVED").containsEntry("read", false)
                .containsEntry("recipient", "specialist1");
        assertThat((String) item.get("text")).startsWith("A new case " + ref + " is waiting for your answer until ");
        assertThat(itemsAbout(TestTokens.specialist("specialist2"), ref)).isEmpty();
        assertThat(itemsAbout(TestTokens.patient("patient1"), ref)).isEmpty();
        assertThat(itemsAbout(TestTokens.coordinator("coordinator1"), ref)).isEmpty();
    }

    @Test
    void aRedeliveredEventNotifiesOnce() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String ref = TestEvents.newReference();
        EventEnvelope submitted = TestEvents.caseSubmitted(json, caseId, ref, patient);
        TestEvents.sendCaseEvent(json, submitted);
        TestEvents.sendCaseEvent(json, submitted);
        // same key, same partition: once this later event is in the feed, both copies above were handled
        String marker = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, marker, patient));

        String token = TestTokens.patient(patient);
        await().atMost(WAIT).untilAsserted(() -> assertThat(itemsAbout(token, marker)).hasSize(1));
        assertThat(itemsAbout(token, ref)).hasSize(1);
    }

    @Test
    void eachOutcomeReminderReachesThePatientOnceEvenWhenRedelivered() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String ref = TestEvents.newReference();
        EventEnvelope first = TestEvents.envelope(json, "/second-opinion/case-service",
                org.secondopinion.platform.events.EventTypes.CASE_OUTCOME_REQUESTED, caseId,
                new org.secondopinion.platform.events.catalog.CaseOutcomeRequested(caseId, ref, patient, 1,
                        java.time.Instant.now()));
        TestEvents.sendCaseEvent(json, first);
        TestEvents.sendCaseEvent(json, first);
        // same key, same partition: once this later event is in the feed, both copies above were handled
        String marker = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, marker, patient));

        String token = TestTokens.patient(patient);
        await().atMost(WAIT).untilAsserted(() -> assertThat(itemsAbout(token, marker)).hasSize(1));
        List<Map<String, Object>> items = itemsAbout(token, ref);
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("kind", "OUTCOME_REQUESTED");
        assertThat((String) items.get(0).get("text")).contains(ref).doesNotContain("surgery", "opinion");
    }

    @Test
    void failedMatchReachesThePatientAndEveryCoordinator() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String ref = TestEvents.newReference();
        TestEvents.sendMatchingEvent(json, TestEvents.matchFailed(json, caseId, ref, patient));

        await().atMost(WAIT).untilAsserted(() -> assertThat(itemsAbout(TestTokens.patient(patient), ref))
                .extracting(i -> i.get("kind")).containsExactly("CASE_UPDATED"));
        assertThat(itemsAbout(TestTokens.coordinator("coordinator1"), ref))
                .extracting(i -> i.get("kind"), i -> i.get("recipient"))
                .containsExactly(org.assertj.core.api.Assertions.tuple("CASE_UNMATCHED", "role:coordinator"));
        assertThat(itemsAbout(TestTokens.coordinator("coordinator2"), ref)).hasSize(1);
        assertThat(itemsAbout(TestTokens.specialist("specialist1"), ref)).isEmpty();
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndLaterEventsStillArrive() {
        String dlq = Topics.CASE_EVENTS + ".notification-service.dlq";
        UUID caseId = UUID.randomUUID();
        String key = caseId.toString();
        EventProbe.send(Topics.CASE_EVENTS, key, "this is not JSON {");

        ConsumerRecord<String, String> parked = awaitDeadLetter(dlq, key);
        assertThat(parked.value()).isEqualTo("this is not JSON {");
        assertThat(header(parked, "dead-letter-reason")).hasValueSatisfying(
                reason -> assertThat(reason).contains("not a readable CloudEvent"));

        String patient = "patient-" + caseId;
        String ref = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, ref, patient));
        await().atMost(WAIT).untilAsserted(() -> assertThat(itemsAbout(TestTokens.patient(patient), ref)).hasSize(1));
    }

    @Test
    void anUnknownEventTypeIsSkippedWithoutStoppingTheTopic() {
        UUID caseId = UUID.randomUUID();
        String patient = "patient-" + caseId;
        String unknownRef = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.envelope(json, "case-service", "case.reopened.v9", caseId,
                Map.of("caseId", caseId, "reference", unknownRef, "patientId", patient)));
        String ref = TestEvents.newReference();
        TestEvents.sendCaseEvent(json, TestEvents.caseSubmitted(json, caseId, ref, patient));

        String token = TestTokens.patient(patient);
        await().atMost(WAIT).untilAsserted(() -> assertThat(itemsAbout(token, ref)).hasSize(1));
        assertThat(itemsAbout(token, unknownRef)).isEmpty();
    }

    /** A plain consumer from the start of the dead-letter topic: the probe cannot show the reason headers. */
    private static ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformTestResource.kafka().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            return await().atMost(WAIT).until(() -> {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                if (partitions.isEmpty()) {
                    return Optional.<ConsumerRecord<String, String>>empty(); // created with the first dead letter
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return Optional.of(record);
                    }
                }
                return Optional.<ConsumerRecord<String, String>>empty();
            }, Optional::isPresent).orElseThrow();
        }
    }

    private static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }
}
