package org.secondopinion.gateway.limits;

import org.secondopinion.gateway.routing.Route;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A small circuit breaker for one upstream. SmallRye Fault Tolerance's breaker wraps a method call; here a call is
 * a streamed proxy exchange completing later on the event loop, so the three states are kept by hand:
 * <ul>
 *   <li>closed: calls pass; {@code failureThreshold} consecutive failures open it;</li>
 *   <li>open: calls are refused at once (the caller gets a 503 without waiting for a dead upstream) until the
 *       cool-down has passed;</li>
 *   <li>half-open: exactly one trial call passes; its success closes the breaker, its failure opens it again.</li>
 * </ul>
 * Synchronized: state changes are rare and tiny, and calls for one upstream come from several event loops.
 */
public class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final int failureThreshold;
    private final long coolDownNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(String name, Route.BreakerSettings settings, LongSupplier nanoClock) {
        this.name = name;
        this.failureThreshold = settings.failureThreshold();
        this.coolDownNanos = settings.coolDown().toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Whether a call may go out now; every permitted call must end in {@link #onSuccess}, {@link #onFailure} or
     * {@link #release}.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoClock.getAsLong() - openedAt < coolDownNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                // half-open: one trial at a time, the others are refused until it has decided
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
        }
        trialInFlight = false;
    }

    /** A permitted call ended without a verdict on the upstream (the caller went away): only the permit returns. */
    public synchronized void release() {
        trialInFlight = false;
    }

    public synchronized State state() {
        return state;
    }

    /** How long an open breaker still refuses calls (zero when it is not open), for {@code Retry-After}. */
    public synchronized Duration remainingCoolDown() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, coolDownNanos - (nanoClock.getAsLong() - openedAt)));
    }

    public String name() {
        return name;
    }
}
