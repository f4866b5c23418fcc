package org.secondopinion.infra.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Where a {@code @QuarkusTest} service's spans go: Quarkus exports to every {@code SpanExporter} bean, and the
 * platform turns the OTLP exporter off in the test profile. Inject {@link InMemorySpanExporter} to read them.
 * (A bean of every Quarkus test module through embedded-infra's {@code META-INF/beans.xml}.)
 */
@ApplicationScoped
public class InMemoryTraces {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** The finished spans of one trace. */
    public static List<SpanData> ofTrace(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }
}
