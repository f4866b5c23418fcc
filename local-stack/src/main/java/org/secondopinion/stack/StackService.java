package org.secondopinion.stack;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The five services the stack runs: module folder (also the service's name), default port, own database. */
public enum StackService {

    GATEWAY("gateway", 8080, null),
    CASE("case-service", 8081, "case_db"),
    SPECIALIST("specialist-service", 8082, "specialist_db"),
    MATCHING("matching-service", 8083, "matching_db"),
    NOTIFICATION("notification-service", 8084, "notification_db");

    private final String serviceName;
    private final int defaultPort;
    private final String database;

    StackService(String serviceName, int defaultPort, String database) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    /** The service's name, equal to its Maven module folder (e.g. {@code case-service}). */
    public String serviceName() {
        return serviceName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The service's own database; empty for the gateway, which keeps no data. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /**
     * The gateway's environment variable naming this service's base URL, e.g. {@code SO_CASE_SERVICE_URL}.
     */
    String upstreamUrlVariable() {
        return "SO_" + name() + "_SERVICE_URL";
    }

    /**
     * Finds a service by name ({@code case-service}); a short form without {@code -service} is accepted too.
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static StackService of(String name) {
        return Arrays.stream(values())
                .filter(s -> s.serviceName.equals(name) || s.serviceName.equals(name + "-service"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'; known: "
                        + Arrays.stream(values()).map(StackService::serviceName).collect(Collectors.joining(", "))));
    }
}
