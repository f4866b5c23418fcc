package org.secondopinion.platform.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.MalformedEventException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerRegistryTest {

    record Payload(String caseId, int stars) {
    }

    // as Quarkus configures it (quarkus.jackson.fail-on-unknown-properties=false): the tolerant reader
    private final ObjectMapper json = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final HandlerRegistry registry = new HandlerRegistry(json);

    private EventEnvelope event(String type, String data) throws Exception {
        return EventEnvelope.create("/test", type, "c1", Instant.now(), json.readTree(data));
    }

    @Test
    void eachTypeReachesItsHandlerAsItsTypedPayloadIgnoringUnknownFields() throws Exception {
        List<Payload> rated = new ArrayList<>();
        registry.event("case.rated.v1", Payload.class, rated::add);
        registry.handlerOf("case.rated.v1").orElseThrow()
                .accept(event("case.rated.v1", "{\"caseId\": \"c1\", \"stars\": 5, \"addedLater\": true}"));
        assertThat(rated).containsExactly(new Payload("c1", 5));
    }

    @Test
    void typesNobodyDeclaredHaveNoHandler() {
        registry.event("case.rated.v1", Payload.class, p -> { });
        assertThat(registry.handlerOf("case.closed.v1")).isEmpty();
    }

    @Test
    void aTypeDeclaredTwiceIsRefusedAtStartUp() {
        registry.event("case.rated.v1", Payload.class, p -> { });
        assertThatThrownBy(() -> registry.envelope("case.rated.v1", e -> { }))
                .hasMessageContaining("case.rated.v1");
    }

    @Test
    void aPayloadThatDoesNotFitItsRecordIsAMalformedEvent() throws Exception {
        registry.event("case.rated.v1", Payload.class, p -> { });
        EventEnvelope wrong = event("case.rated.v1", "{\"stars\": \"many\"}");
        assertThatThrownBy(() -> registry.handlerOf("case.rated.v1").orElseThrow().accept(wrong))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aBatchLookUpGetsEveryEventOfItsTypeInTheBatchOnceAndOthersNone() throws Exception {
        List<List<Payload>> lookUps = new ArrayList<>();
        registry.event("case.rated.v1", Payload.class, p -> { })
                .beforeBatch("case.rated.v1", Payload.class, lookUps::add);
        registry.beforeBatch(List.of(event("case.rated.v1", "{\"caseId\": \"c1\", \"stars\": 5}"),
                event("case.closed.v1", "{\"caseId\": \"c9\"}"),
                event("case.rated.v1", "{\"caseId\": \"c2\", \"stars\": 3}")));
        assertThat(lookUps).containsExactly(List.of(new Payload("c1", 5), new Payload("c2", 3)));

        lookUps.clear();
        registry.beforeBatch(List.of(event("case.closed.v1", "{\"caseId\": \"c9\"}")));
        assertThat(lookUps).isEmpty();
    }

    @Test
    void aWholeBatchLookUpGetsEveryEventOfTheBatchInOrderAndNothingForAnEmptyOne() throws Exception {
        List<List<String>> lookUps = new ArrayList<>();
        registry.envelope("case.rated.v1", e -> { }).envelope("case.closed.v1", e -> { })
                .beforeEachBatch(events -> lookUps.add(events.stream().map(EventEnvelope::type).toList()));
        registry.beforeBatch(List.of(event("case.rated.v1", "{\"caseId\": \"c1\", \"stars\": 5}"),
                event("case.closed.v1", "{\"caseId\": \"c9\"}")));
        assertThat(lookUps).containsExactly(List.of("case.rated.v1", "case.closed.v1"));

        lookUps.clear();
        registry.beforeBatch(List.of());
        assertThat(lookUps).isEmpty();
    }
}
