package org.secondopinion.platform.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.inbox.Inbox;
import org.secondopinion.platform.inbox.TransientFailures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The service's Kafka consumer: one thread polling its topics and handling the records right there, in order per
 * partition, offsets committed after the records they cover.
 * <ul>
 * <li>The records of a poll are handled in one inbox transaction ({@link Inbox#processAllOnce}, up to
 * {@code so.events.batch-size}): one commit per poll rather than per record, which is what a busy consumer waited
 * on. When any of them fails, that transaction is undone and the records are handled again one by one, each in its
 * own transaction, so a failing record fails alone.</li>
 * <li>Unreadable messages and handler failures go to {@code <topic>.<consumer>.dlq} ({@link DeadLetters}) and the
 * partition moves on; failures that will pass ({@link TransientFailures}: the database away) are retried with
 * growing pauses while the partitions are paused and the consumer keeps polling (so it stays in its group).</li>
 * <li>Event types no handler declared are skipped without a transaction or an inbox row.</li>
 * <li>Static membership ({@code so.events.instance-id}), the session timeout and the group protocol come from
 * configuration ({@link EventsConfig}); readiness says DOWN until the consumer has joined its group.</li>
 * <li>Offsets are committed asynchronously at most every 100 ms while records keep coming and on the first empty
 * poll ({@link CommitPacer}), synchronously on revocation and on shutdown.</li>
 * <li>On shutdown the message in hand finishes, offsets of what was processed are committed, the rest is left for
 * the next owner of the partition.</li>
 * </ul>
 * Hand-written rather than SmallRye Reactive Messaging's connector: profiled here, its per-message hand-offs between
 * the polling thread, the event loop and a worker thread capped a consumer at 40-80 events per second on two cores
 * with the CPU mostly idle (the worker waited 60 % of the time for its next message), and it offers no per-record
 * dead letters in batch mode and no readiness that reflects group membership.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final String KAFKA_PREFIX = "so.events.kafka.";
    static final Duration MAX_LINGER = Duration.ofSeconds(5);

    enum State { DISABLED, STARTING, JOINED, STOPPED, FAILED }

    private final EventsConfig config;
    private final Inbox inbox;
    private final Instance<EventHandlers> handlerBeans;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final OpenTelemetry telemetry;
    private final Config rawConfig;
    private final String bootstrapServers;
    private final String applicationName;

    private volatile State state = State.DISABLED;
    private volatile boolean running;
    private volatile Throwable failure;
    private volatile Set<TopicPartition> assignment = Set.of();
    private Thread thread;
    /** The current session's consumer; a new one after a failed session ({@link Sessions}). */
    private volatile KafkaConsumer<String, String> consumer;
    private String name;

    public EventConsumer(EventsConfig config, Inbox inbox, Instance<EventHandlers> handlerBeans, ObjectMapper mapper,
                         MeterRegistry meters, OpenTelemetry telemetry, Config rawConfig,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.inbox = inbox;
        this.handlerBeans = handlerBeans;
        this.mapper = mapper;
        this.meters = meters;
        this.telemetry = telemetry;
        this.rawConfig = rawConfig;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent event) {
        List<String> topics = config.topics().orElse(List.of());
        HandlerRegistry registry = new HandlerRegistry(mapper);
        handlerBeans.forEach(bean -> bean.define(registry));
        if (topics.isEmpty() || registry.isEmpty()) {
            LOG.infof("no event consumer: %s", topics.isEmpty() ? "no topics configured (so.events.topics)"
                    : "no event handlers declared");
            return;
        }
        if (config.linger().isNegative() || config.linger().compareTo(MAX_LINGER) > 0) {
            // a bad value stops the start rather than every later session
            throw new IllegalArgumentException("so.events.linger must be between 0 and " + MAX_LINGER.toSeconds()
                    + " s, not " + config.linger());
        }
        name = config.consumer().orElse(applicationName);
        Loop loop = new Loop(topics, registry);
        thread = new Thread(loop, "events-consumer");
        running = true;
        state = State.STARTING;
        thread.start();
    }

    Properties kafkaProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, name);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name + config.instanceId().map(id -> "-" + id).orElse(""));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, config.groupProtocol().toLowerCase(Locale.ROOT));
        if (config.groupProtocol().equalsIgnoreCase("classic")) {
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.heartbeatInterval().toMillis());
        }
        config.instanceId().filter(id -> !id.isBlank())
                .ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, name + "-" + id));
        for (String property : rawConfig.getPropertyNames()) {
            if (property.startsWith(KAFKA_PREFIX)) {
                rawConfig.getOptionalValue(property, String.class)
                        .ifPresent(value -> p.put(property.substring(KAFKA_PREFIX.length()), value));
            }
        }
        return p;
    }

    void stop(@Observes ShutdownEvent event) {
        if (thread == null) {
            return;
        }
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (state == State.FAILED) {
            thread.interrupt(); // pausing between sessions: no need to wait the pause out
        }
        try {
            // the message in hand finishes (its transaction is short); then offsets are committed and the consumer closed
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    State state() {
        return state;
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    Throwable failure() {
        return failure;
    }

    String name() {
        return name;
    }

    /** The polling thread. Everything touching the KafkaConsumer happens here (it is not thread-safe). */
    private final class Loop implements Runnable, ConsumerRebalanceListener {

        private final List<String> topics;
        private final HandlerRegistry registry;
        private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
        private final CommitPacer commits = new CommitPacer(CommitPacer.INTERVAL);
        private final Set<TopicPartition> lost = new HashSet<>();
        private final ConsumerTracing tracing;
        private final Timer timer;
        private final Timer batchTimer;
        private DeadLetters deadLetters;
        private boolean pausedForRetry;

        Loop(List<String> topics, HandlerRegistry registry) {
            this.topics = topics;
            this.registry = registry;
            this.tracing = new ConsumerTracing(telemetry, name);
            this.timer = Timer.builder("events.processing").description("Time to handle one consumed event")
                    .tag("consumer", name).publishPercentileHistogram().register(meters);
            this.batchTimer = Timer.builder("events.batch").description("Time to handle a batch of consumed events "
                            + "in one transaction (batches that failed and were handled one by one are not counted)")
                    .tag("consumer", name).register(meters);
        }

        @Override
        public void run() {
            try {
                deadLetters = new DeadLetters(bootstrapServers, name);
                Sessions.untilStopped(() -> running, this::session, Sessions.PAUSES, (e, next) -> {
                    failure = e;
                    state = State.FAILED; // readiness says so until the next session has joined
                    LOG.errorf(e, "event consumer %s failed; a new session starts in %d ms", name, next.toMillis());
                }, pause -> Thread.sleep(pause.toMillis()));
                state = State.STOPPED;
            } catch (Error e) {
                failure = e;
                state = State.FAILED;
                LOG.errorf(e, "event consumer %s stopped on an unexpected failure", name);
                throw e;
            } finally {
                if (deadLetters != null) {
                    deadLetters.close();
                }
            }
        }

        /** One consumer session: a fresh KafkaConsumer subscribed and polled until stopping (or failing). */
        private void session() {
            processed.clear(); // offsets of an earlier session: those records come again and the inbox skips them
            state = State.STARTING;
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(kafkaProperties(), new StringDeserializer(),
                    new StringDeserializer());
                 KafkaClientMetrics metrics = new KafkaClientMetrics(c)) {
                metrics.bindTo(meters);
                consumer = c;
                if (!running) {
                    return;
                }
                c.subscribe(topics, this);
                while (running) {
                    ConsumerRecords<String, String> records;
                    lost.clear(); // only partitions taken away while records are in hand matter
                    try {
                        records = c.poll(Duration.ofSeconds(1));
                    } catch (WakeupException e) {
                        continue; // stopping: the loop condition decides
                    }
                    if (state == State.STARTING && !c.groupMetadata().memberId().isEmpty()) {
                        // joined, possibly without partitions (more replicas than partitions): still doing its part
                        state = State.JOINED;
                    }
                    List<ConsumerRecord<String, String>> gathered = gather(c, records);
                    handleAll(gathered);
                    if (commits.due(gathered.size(), System.nanoTime())) {
                        commitAsync();
                    }
                }
                commitSync();
            }
        }

        /**
         * The poll's records and, with a linger ({@code so.events.linger}), what else arrives within the linger after
         * them, up to a batch. Per partition in offset order. A record polled again after its partition moved away
         * and came back is skipped by the inbox.
         */
        private List<ConsumerRecord<String, String>> gather(KafkaConsumer<String, String> c,
                                                            ConsumerRecords<String, String> first) {
            List<ConsumerRecord<String, String>> all = new ArrayList<>(first.count());
            first.forEach(all::add);
            long linger = config.linger().toNanos();
            if (linger == 0 || all.isEmpty()) {
                return all;
            }
            long deadline = System.nanoTime() + linger;
            while (running && all.size() < config.batchSize()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    c.poll(Duration.ofNanos(left)).forEach(all::add);
                } catch (WakeupException e) {
                    break; // stopping: what is in hand is left for the next owner
                }
            }
            return all;
        }

        private void handleAll(List<ConsumerRecord<String, String>> records) {
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                batch.add(record);
                if (batch.size() >= config.batchSize()) {
                    handleBatch(batch);
                    batch.clear();
                }
            }
            handleBatch(batch);
        }

        /**
         * The records in one inbox transaction when they all parse; otherwise, or when any of them fails, each on its
         * own ({@link #handleOneByOne}), which is where retries and dead letters happen.
         */
        private void handleBatch(List<ConsumerRecord<String, String>> batch) {
            List<ConsumerRecord<String, String>> mine = batch.stream()
                    .filter(r -> !lost.contains(new TopicPartition(r.topic(), r.partition()))).toList();
            if (mine.size() < 2 || !running) {
                handleOneByOne(mine);
                return;
            }
            List<Inbox.Delivery> deliveries = new ArrayList<>();
            List<ConsumerRecord<String, String>> delivered = new ArrayList<>();
            Set<ConsumerRecord<String, String>> ignored = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (ConsumerRecord<String, String> record : mine) {
                EventEnvelope event;
                try {
                    event = inbox.parse(record.value());
                } catch (RuntimeException unreadable) {
                    handleOneByOne(mine); // rare: the one-by-one path parks it in order with its neighbours
                    return;
                }
                Optional<Consumer<EventEnvelope>> handler = registry.handlerOf(event.type());
                if (handler.isPresent()) {
                    deliveries.add(new Inbox.Delivery(event, traced(record, handler.get())));
                    delivered.add(record);
                } else {
                    ignored.add(record);
                }
            }
            long batchStarted = System.nanoTime();
            boolean[] ran;
            try {
                ran = deliveries.isEmpty() ? new boolean[0] : inbox.processAllOnce(name, deliveries,
                        registry::beforeBatch);
            } catch (RuntimeException e) {
                LOG.debugf("%s: a batch of %d events failed (%s); handling them one by one", name, deliveries.size(),
                        e.toString());
                handleOneByOne(mine);
                return;
            }
            batchTimer.record(System.nanoTime() - batchStarted, TimeUnit.NANOSECONDS);
            for (int i = 0; i < delivered.size(); i++) {
                count(delivered.get(i), ran[i] ? "processed" : "duplicate");
            }
            for (ConsumerRecord<String, String> record : mine) {
                if (ignored.contains(record)) {
                    count(record, "ignored");
                }
                processed.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
        }

        /** The handler inside the record's span (so what it publishes carries the trace), timed like one event. */
        private Consumer<EventEnvelope> traced(ConsumerRecord<String, String> record,
                                               Consumer<EventEnvelope> handler) {
            return event -> {
                long started = System.nanoTime();
                try (ConsumerTracing.Traced traced = tracing.start(record)) {
                    try {
                        handler.accept(event);
                    } catch (RuntimeException e) {
                        traced.failed(e);
                        throw e;
                    }
                } finally {
                    timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            };
        }

        /** In order; a partition whose record was left unprocessed (stopping, or taken away) stops there. */
        private void handleOneByOne(List<ConsumerRecord<String, String>> records) {
            Set<TopicPartition> stopped = new HashSet<>();
            for (ConsumerRecord<String, String> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (!running || stopped.contains(partition) || lost.contains(partition)) {
                    stopped.add(partition); // left for the next owner of the partition (or for us after a restart)
                    continue;
                }
                if (!handleUntilDone(record)) {
                    stopped.add(partition);
                    continue;
                }
                processed.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }

        /** @return false when the record was left unprocessed (stopping, or its partition went to another member) */
        private boolean handleUntilDone(ConsumerRecord<String, String> record) {
            Duration pause = config.retryFirstPause();
            while (true) {
                try {
                    handle(record);
                    resumeAfterRetry();
                    return true;
                } catch (RuntimeException e) {
                    if (!running) {
                        LOG.infof("%s is stopping: event at %s-%d@%d is left for redelivery", name, record.topic(),
                                record.partition(), record.offset());
                        return false;
                    }
                    if (!TransientFailures.isTransient(e)) {
                        deadLetter(record, e);
                        resumeAfterRetry();
                        return true;
                    }
                    LOG.warnf("%s could not process the event at %s-%d@%d for now, trying again in %d ms: %s", name,
                            record.topic(), record.partition(), record.offset(), pause.toMillis(), e.toString());
                    if (!waitKeepingMembership(pause, new TopicPartition(record.topic(), record.partition()))) {
                        return false;
                    }
                    pause = pause.multipliedBy(2).compareTo(config.retryLongestPause()) > 0
                            ? config.retryLongestPause() : pause.multipliedBy(2);
                }
            }
        }

        private void handle(ConsumerRecord<String, String> record) {
            EventEnvelope event;
            try {
                event = inbox.parse(record.value());
            } catch (RuntimeException unreadable) {
                throw new PoisonMessage(unreadable);
            }
            Optional<Consumer<EventEnvelope>> handler = registry.handlerOf(event.type());
            if (handler.isEmpty()) {
                count(record, "ignored");
                return;
            }
            boolean first = inbox.processOnce(name, event, traced(record, handler.get()));
            count(record, first ? "processed" : "duplicate");
        }

        private void deadLetter(ConsumerRecord<String, String> record, RuntimeException failure) {
            Throwable reason = failure instanceof PoisonMessage poison ? poison.getCause() : failure;
            LOG.errorf("%s could not process the event at %s-%d@%d; it goes to %s: %s", name, record.topic(),
                    record.partition(), record.offset(), DeadLetters.topicFor(record.topic(), name), reason.toString());
            try {
                deadLetters.park(record, reason);
                count(record, "dead-lettered");
            } catch (Exception e) {
                // the broker refuses the dead letter too: hold the partition rather than lose the message
                throw new IllegalStateException("could not park a dead letter on "
                        + DeadLetters.topicFor(record.topic(), name) + ": " + e, e);
            }
        }

        /**
         * Waits before the next attempt with every partition paused, polling meanwhile so that the group keeps this
         * member. @return false when the record's partition was taken away or the service is stopping
         */
        private boolean waitKeepingMembership(Duration pause, TopicPartition partition) {
            if (!pausedForRetry) {
                consumer.pause(consumer.assignment());
                pausedForRetry = true;
            }
            long until = System.nanoTime() + pause.toNanos();
            while (running && System.nanoTime() < until && !lost.contains(partition)) {
                try {
                    ConsumerRecords<String, String> none = consumer.poll(Duration.ofMillis(
                            Math.max(1, Math.min(1000, (until - System.nanoTime()) / 1_000_000))));
                    if (!none.isEmpty()) {
                        throw new IllegalStateException("records arrived for paused partitions");
                    }
                } catch (WakeupException e) {
                    // stopping
                }
            }
            return running && !lost.contains(partition);
        }

        private void resumeAfterRetry() {
            if (pausedForRetry) {
                consumer.resume(consumer.assignment());
                pausedForRetry = false;
            }
        }

        private void count(ConsumerRecord<String, String> record, String outcome) {
            meters.counter("events.consumed", "consumer", name, "topic", record.topic(), "outcome", outcome)
                    .increment();
        }

        private void commitAsync() {
            if (!processed.isEmpty()) {
                commits.committed(System.nanoTime());
                consumer.commitAsync(Map.copyOf(processed), (offsets, e) -> {
                    if (e != null) {
                        LOG.debugf("offset commit failed (the next commit covers it): %s", e.toString());
                    }
                });
                processed.clear();
            }
        }

        private void commitSync() {
            if (!processed.isEmpty()) {
                try {
                    consumer.commitSync(Map.copyOf(processed), Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.warnf("could not commit offsets of %s (those events will be delivered again and skipped by "
                            + "the inbox): %s", processed.keySet(), e.toString());
                }
                processed.clear();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
            partitions.forEach(p -> {
                OffsetAndMetadata offset = processed.remove(p);
                if (offset != null) {
                    mine.put(p, offset);
                }
            });
            if (!mine.isEmpty()) {
                try {
                    consumer.commitSync(mine, Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOG.warnf("could not commit offsets of revoked %s: %s", mine.keySet(), e.toString());
                }
            }
            lost.addAll(partitions);
            Set<TopicPartition> now = new HashSet<>(assignment);
            now.removeAll(partitions);
            assignment = Set.copyOf(now);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(processed::remove);
            lost.addAll(partitions);
            Set<TopicPartition> now = new HashSet<>(assignment);
            now.removeAll(partitions);
            assignment = Set.copyOf(now);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (pausedForRetry) {
                consumer.pause(partitions);
            }
            lost.removeAll(partitions);
            Set<TopicPartition> now = new HashSet<>(assignment);
            now.addAll(partitions);
            assignment = Set.copyOf(now);
            if (state == State.STARTING) {
                state = State.JOINED;
                LOG.infof("event consumer %s joined its group: %s", name, assignment);
            } else {
                LOG.infof("event consumer %s now holds %s", name, assignment);
            }
        }
    }

    /** The message itself is wrong (not a readable CloudEvent): no retry can help. */
    static final class PoisonMessage extends RuntimeException {
        PoisonMessage(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
