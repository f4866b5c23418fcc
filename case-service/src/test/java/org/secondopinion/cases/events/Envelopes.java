package org.secondopinion.cases.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** CloudEvents as another service would publish them, for injecting into the broker in tests. */
public final class Envelopes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Envelopes() {
    }

    public static String envelope(String id, String type, String subject, Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(Map.of("specversion", "1.0", "id", id, "source", "/second-opinion/matching-service",
                    "type", type, "subject", subject, "time", Instant.now().toString(),
                    "datacontenttype", "application/json", "data", data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
