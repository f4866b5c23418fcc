package org.secondopinion.platform.events;

/** Kafka topics of the platform (DESIGN §8). Dead letters go to {@code <topic>.<consumer>.dlq}. */
public final class Topics {
    public static final String CASE_EVENTS = "case-events";
    /** Compacted: the latest full snapshot of each specialist. */
    public static final String SPECIALIST_EVENTS = "specialist-events";
    public static final String MATCHING_EVENTS = "matching-events";

    private Topics() {
    }
}
