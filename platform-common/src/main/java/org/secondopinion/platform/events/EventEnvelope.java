package org.secondopinion.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.secondopinion.platform.ids.Ids;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the one envelope every topic carries (DESIGN §8).
 * {@code subject} is the aggregate id and doubles as the Kafka key, so one aggregate's events stay in order.
 * {@code traceparent} is the CloudEvents Distributed Tracing extension: the W3C trace context of the request that
 * caused the event, so a trace continues across the outbox and Kafka to the consumers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        JsonNode data,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
    }

    public EventEnvelope(String specversion, String id, String source, String type, String subject, Instant time,
                         String datacontenttype, JsonNode data) {
        this(specversion, id, source, type, subject, time, datacontenttype, data, null);
    }

    /** A new event with a fresh id, raised at {@code time} (the caller's clock). */
    public static EventEnvelope create(String source, String type, String subject, Instant time, JsonNode data,
                                       String traceparent) {
        return new EventEnvelope(SPEC_VERSION, Ids.newId().toString(), source, type, subject,
                time, JSON, data, traceparent);
    }

    public static EventEnvelope create(String source, String type, String subject, Instant time, JsonNode data) {
        return create(source, type, subject, time, data, null);
    }

    /** Reads the payload as one of the catalogue's records; unknown fields are ignored (tolerant reader). */
    public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(data, type);
        } catch (Exception e) {
            throw new MalformedEventException("event " + id + " of type " + this.type + " has an unreadable payload: "
                    + e.getMessage(), e);
        }
    }
}
