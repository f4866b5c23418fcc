package org.secondopinion.platform.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.secondopinion.platform.events.EventEnvelope;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The handlers of one service's consumer, by event type; filled by its {@link EventHandlers} beans at start-up. */
public final class HandlerRegistry {

    private final ObjectMapper mapper;
    private final Map<String, Consumer<EventEnvelope>> byType = new HashMap<>();

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

    Optional<Consumer<EventEnvelope>> handlerOf(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    boolean isEmpty() {
        return byType.isEmpty();
    }
}
