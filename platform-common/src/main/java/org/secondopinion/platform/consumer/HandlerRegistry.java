package org.secondopinion.platform.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.secondopinion.platform.events.EventEnvelope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The handlers of one service's consumer, by event type; filled by its {@link EventHandlers} beans at start-up. */
public final class HandlerRegistry {

    private final ObjectMapper mapper;
    private final Map<String, Consumer<EventEnvelope>> byType = new HashMap<>();
    private final Map<String, Consumer<List<EventEnvelope>>> beforeBatch = new HashMap<>();
    private final List<Consumer<List<EventEnvelope>>> beforeEachBatch = new ArrayList<>();

    HandlerRegistry(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code handler} gets the payload of every event of {@code type}, read as {@code payload} (tolerant reader). */
    public <T> HandlerRegistry event(String type, Class<T> payload, Consumer<T> handler) {
        return envelope(type, event -> handler.accept(event.dataAs(payload, mapper)));
    }

    /** {@code handler} gets the whole envelope of every event of {@code type} (e.g. to route on its type itself). */
    public HandlerRegistry envelope(String type, Consumer<EventEnvelope> handler) {
        if (byType.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("two handlers for " + type + ": declare each event type once");
        }
        return this;
    }

    /** The same envelope handler for each of {@code types}. */
    public HandlerRegistry envelopes(Collection<String> types, Consumer<EventEnvelope> handler) {
        types.forEach(type -> envelope(type, handler));
        return this;
    }

    /**
     * {@code lookUp} gets, once per batch of consumed events and in its transaction before any handler runs, the
     * payloads of the batch's new events of {@code type}: to ask the database once for all of them (e.g. which
     * already exist) instead of once per event. The handler of each event still runs, in order.
     */
    public <T> HandlerRegistry beforeBatch(String type, Class<T> payload, Consumer<List<T>> lookUp) {
        if (beforeBatch.putIfAbsent(type, events -> lookUp.accept(
                events.stream().map(e -> e.dataAs(payload, mapper)).toList())) != null) {
            throw new IllegalStateException("two batch look-ups for " + type);
        }
        return this;
    }

    /**
     * {@code lookUp} gets, once per batch and in its transaction before any handler runs, all of the batch's new
     * events whatever their type: for a consumer whose handlers ask the same question of many types (e.g. who is
     * behind a case, whose contact preferences apply). The handlers still run, in order.
     */
    public HandlerRegistry beforeEachBatch(Consumer<List<EventEnvelope>> lookUp) {
        beforeEachBatch.add(lookUp);
        return this;
    }

    /** Runs the batch look-ups for {@code events} (those of a batch whose handlers are about to run). */
    void beforeBatch(List<EventEnvelope> events) {
        if (!events.isEmpty()) {
            beforeEachBatch.forEach(lookUp -> lookUp.accept(events));
        }
        if (beforeBatch.isEmpty()) {
            return;
        }
        Map<String, List<EventEnvelope>> byTypeInBatch = new HashMap<>();
        events.forEach(e -> byTypeInBatch.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e));
        byTypeInBatch.forEach((type, ofType) -> {
            Consumer<List<EventEnvelope>> lookUp = beforeBatch.get(type);
            if (lookUp != null) {
                lookUp.accept(ofType);
            }
        });
    }

    Optional<Consumer<EventEnvelope>> handlerOf(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    boolean isEmpty() {
        return byType.isEmpty();
    }
}
