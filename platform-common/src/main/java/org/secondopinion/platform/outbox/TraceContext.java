package org.secondopinion.platform.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C {@code traceparent} of the span that is current when an event is written, so that the relay (which runs
 * later, on another thread, outside any request) can publish the event as part of the trace that caused it.
 */
final class TraceContext {

    static final String HEADER = "traceparent";

    private TraceContext() {
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null outside a trace. */
    static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
