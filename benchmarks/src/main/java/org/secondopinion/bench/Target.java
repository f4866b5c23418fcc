package org.secondopinion.bench;

import org.secondopinion.stack.LocalStack;
import org.secondopinion.stack.TokenClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The system under test: a fresh local stack started for this run on free ports (the default: reproducible, and
 * it can be started and stopped to measure start-up), or the stack of a running {@code ./stack up} on its
 * documented ports ({@code --attach}: for profiling while it runs).
 */
final class Target implements AutoCloseable {

    static final List<String> SERVICES =
            List.of("case-service", "specialist-service", "matching-service", "notification-service", "gateway");
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("gateway", 8080, "case-service", 8081,
            "specialist-service", 8082, "matching-service", 8083, "notification-service", 8084);

    private final LocalStack stack;
    private final Duration startup;

    private Target(LocalStack stack, Duration startup) {
        this.stack = stack;
        this.startup = startup;
    }

    static Target start(Path repoRoot, Options benchmark) {
        long started = System.nanoTime();
        LocalStack.Options options = LocalStack.Options.defaults()
                .repoRoot(repoRoot)
                .dataDir(repoRoot.resolve("benchmarks/target/stack"))
                .fresh(true)
                .anyFreeServicePorts()
                .postgresPort(0)
                .kafkaPort(0)
                .oidcPort(0)
                .mailPorts(0, 0)
                .demoData(true)
                .demoSpecialists(benchmark.specialists())
                .readyTimeout(Duration.ofMinutes(5));
        if (benchmark.statements()) {
            options.postgresSetting("shared_preload_libraries", "pg_stat_statements");
        }
        LocalStack stack = LocalStack.start(options);
        return new Target(stack, Duration.ofNanos(System.nanoTime() - started));
    }

    static Target attach() {
        return new Target(null, null);
    }

    boolean attached() {
        return stack == null;
    }

    /** How long the fresh stack took from launch to every service ready; null when attached. */
    Duration startup() {
        return startup;
    }

    LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("this benchmark needs a stack of its own (leave out --attach)");
        }
        return stack;
    }

    String serviceUrl(String service) {
        return stack == null ? "http://127.0.0.1:" + DEFAULT_PORTS.get(service) : stack.serviceUrl(service);
    }

    int port(String service) {
        return Integer.parseInt(serviceUrl(service).replaceAll(".*:(\\d+)/?$", "$1"));
    }

    String jdbcUrl(String database) {
        return stack == null ? "jdbc:postgresql://127.0.0.1:15432/" + database : stack.jdbcUrl(database);
    }

    String kafkaBootstrap() {
        return stack == null ? "127.0.0.1:19092" : stack.kafkaBootstrapServers();
    }

    String token(String user) {
        return stack == null ? TokenClient.accessToken("http://127.0.0.1:8090/second-opinion", user) : stack.token(user);
    }

    /** The pid of a service's JVM (found by its HTTP port, so that other stacks on this machine don't count). */
    long pid(String service) {
        return ProcStats.findJvm(service, port(service))
                .orElseThrow(() -> new IllegalStateException("no process found for " + service));
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
