package org.secondopinion.infra;

import java.util.Map;

/**
 * The platform's topics as the infrastructure creates them (names as in platform-common's {@code Topics};
 * this module stays free of service dependencies). The specialist snapshots are compacted (DESIGN §8).
 */
public final class PlatformTopics {

    public static final Map<String, Map<String, String>> ALL = Map.of(
            "case-events", Map.of(),
            "matching-events", Map.of(),
            "specialist-events", Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1",
                    "segment.ms", "3600000"));

    private PlatformTopics() {
    }
}
