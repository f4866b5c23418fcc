package org.secondopinion.platform.consumer;

/**
 * What a service does with the events it consumes: a CDI bean implementing this declares, per event type, the
 * handler and the catalogue record its payload is read as. Types nobody declared are skipped without a transaction.
 * A service may have several such beans (one per feature); one type may be declared only once.
 *
 * <pre>{@code
 * public void define(HandlerRegistry on) {
 *     on.event(EventTypes.MATCH_ASSIGNED, MatchAssigned.class, cases::onAssigned)
 *       .event(EventTypes.MATCH_FAILED, MatchFailed.class, cases::onMatchFailed);
 * }
 * }</pre>
 * Every handler runs in the transaction that also writes the event's inbox row (exactly once per consumer).
 */
public interface EventHandlers {

    void define(HandlerRegistry on);
}
