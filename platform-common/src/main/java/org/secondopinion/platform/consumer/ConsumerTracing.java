package org.secondopinion.platform.consumer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One CONSUMER span per processed message, child of the {@code traceparent} the producer's outbox relay put in the
 * record's headers, so that one trace runs from the HTTP request through Kafka into every consumer (the span is
 * current while the handler runs: events it writes carry the same trace on). Log lines written meanwhile carry
 * {@code traceId}/{@code spanId}, as on request threads.
 */
final class ConsumerTracing {

    private static final TextMapGetter<ConsumerRecord<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<String, String> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<String, String> record, String key) {
            if (record == null) {
                return null;
            }
            Header header = record.headers().lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final OpenTelemetry telemetry;
    private final Tracer tracer;
    private final String consumer;

    ConsumerTracing(OpenTelemetry telemetry, String consumer) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("org.secondopinion.platform.consumer");
        this.consumer = consumer;
    }

    /** Starts the message's span and makes it current; close the returned scope when done. */
    Traced start(ConsumerRecord<String, String> record) {
        Context parent = telemetry.getPropagators().getTextMapPropagator().extract(Context.root(), record, HEADERS);
        Span span = tracer.spanBuilder(record.topic() + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .startSpan();
        Scope scope = span.makeCurrent();
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            MDC.put("traceId", context.getTraceId());
            MDC.put("spanId", context.getSpanId());
            MDC.put("sampled", Boolean.toString(context.isSampled()));
        }
        return new Traced(span, scope);
    }

    record Traced(Span span, Scope scope) implements AutoCloseable {

        void failed(Throwable failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
            MDC.remove("traceId");
            MDC.remove("spanId");
            MDC.remove("sampled");
        }
    }
}
