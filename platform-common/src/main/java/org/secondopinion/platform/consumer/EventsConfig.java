package org.secondopinion.platform.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service's event consumer ({@code so.events.*}, environment {@code SO_EVENTS_*}). Without topics a service
 * consumes nothing. Kafka consumer settings beyond these can be given as {@code so.events.kafka.<property>}.
 */
@ConfigMapping(prefix = "so.events")
public interface EventsConfig {

    /** Topics to consume, e.g. {@code case-events,specialist-events}. */
    Optional<List<String>> topics();

    /**
     * The consumer's name: its inbox rows, its Kafka consumer group and its dead-letter topics
     * ({@code <topic>.<consumer>.dlq}) carry it. Defaults to the application name.
     */
    Optional<String> consumer();

    /**
     * Static group membership ({@code group.instance.id}): a stable name per replica, such as the Kubernetes pod
     * name. A replica restarting under the same name takes its partitions back at once instead of waiting for the
     * group to give up on its previous incarnation. Empty: dynamic membership.
     */
    Optional<String> instanceId();

    /** {@code classic} or {@code consumer} (Kafka 4's consumer group protocol, KIP-848). */
    @WithDefault("classic")
    String groupProtocol();

    /**
     * How long the broker waits for a silent member before handing its partitions to the others (classic protocol;
     * the consumer protocol takes the broker's {@code group.consumer.session.timeout.ms}).
     */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** Classic protocol: heartbeats, a third of the session timeout or less. */
    @WithDefault("3s")
    Duration heartbeatInterval();

    /**
     * How long the consumer keeps polling after a poll brought events, to handle what arrives meanwhile in the same
     * transaction (up to {@link #batchSize()}). 0, the default, handles each poll's events at once. A consumer off
     * the latency-critical path (notifications, read models) lingers: at tens of events a second nearly every poll
     * brought one event, and each paid a transaction of its own. At most 5 s.
     */
    @WithDefault("0ms")
    Duration linger();

    /** Records per poll. */
    @WithDefault("200")
    int maxPollRecords();

    /**
     * Events handled in one transaction at most (the records of a poll, in order): one commit per batch instead of
     * one per event. When an event of a batch fails, the batch is undone and its events are handled one by one.
     * 1 gives every event its own transaction.
     */
    @WithDefault("100")
    int batchSize();

    /** First pause before processing an event again after a failure that will pass (database away). */
    @WithDefault("500ms")
    Duration retryFirstPause();

    /** Longest pause between such attempts (doubling up to it). */
    @WithDefault("30s")
    Duration retryLongestPause();
}
