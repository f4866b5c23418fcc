package org.secondopinion.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka 4 broker in KRaft mode (combined broker and controller, one node), started in its own JVM from
 * the Maven-resolved classpath that this module's build wrote, so its Scala and Jackson never meet a service's
 * classpath. Data lives in a folder: kept across restarts for the local stack, throw-away for tests.
 */
public final class KafkaBroker implements AutoCloseable {

    /** {@code host:port} of an external broker to use instead of starting one. */
    public static final String ENV_BOOTSTRAP = "SO_KAFKA_BOOTSTRAP";
    static final long CLEANER_DEDUPE_BUFFER_BYTES = 16L * 1024 * 1024;
    /** Replaces the broker's heap and GC options (space-separated), to measure alternatives. */
    public static final String ENV_JVM_OPTIONS = "SO_KAFKA_JVM_OPTIONS";

    /**
     * A test and local broker: a small heap, Serial GC; {@code replaced}, when given, instead. Not G1: it kept the
     * broker ~150 MB more resident (341 MB RSS in the ninth session's run) without shorter pauses. Freed native
     * memory goes back to the system ({@link NativeHeapTrim}: 23 MB of the broker's RSS in the eleventh session).
     */
    static List<String> heapAndGcOptions(String replaced) {
        return ChildJvmOptions.replacedOrDefaults(replaced, List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"));
    }

    private static final String CLASSPATH_RESOURCE = "/embedded-infra/kafka-broker.classpath";

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final String bootstrapServers;
    private Process process;

    private KafkaBroker(Path dataDirectory, int port, int controllerPort, String bootstrapServers) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.bootstrapServers = bootstrapServers;
    }

    /** An external broker, if {@code SO_KAFKA_BOOTSTRAP} is set; it is never started or stopped by us. */
    public static java.util.Optional<KafkaBroker> fromEnvironment() {
        String bootstrap = System.getenv(ENV_BOOTSTRAP);
        if (bootstrap == null || bootstrap.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new KafkaBroker(null, -1, -1, bootstrap));
    }

    /**
     * Starts a broker process and waits until it serves requests.
     *
     * @param dataDirectory where logs and metadata live (created; formatted on first use)
     * @param port          client port on 127.0.0.1, 0 for any free one
     */
    public static KafkaBroker start(Path dataDirectory, int port) {
        int clientPort = port == 0 ? Ports.free() : port;
        int controllerPort = Ports.free();
        KafkaBroker broker = new KafkaBroker(dataDirectory, clientPort, controllerPort,
                Ports.LOOPBACK + ":" + clientPort);
        broker.launch();
        return broker;
    }

    /** The broker process's id (a managed broker only). */
    synchronized long pid() {
        return process.pid();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isManaged() {
        return dataDirectory != null;
    }

    /** Stops the broker process (as a crash or an outage would look to clients); {@link #restart()} brings it back. */
    public synchronized void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(20));
            process = null;
        }
    }

    /** Kills the broker process at once (SIGKILL: a crash, no clean shutdown); {@link #restart()} brings it back. */
    public synchronized void kill() {
        if (process != null) {
            Processes.kill(process);
            process = null;
        }
    }

    /** Starts the stopped broker again, on the same port with the same data. */
    public synchronized void restart() {
        if (!isManaged()) {
            throw new IllegalStateException("an external broker cannot be restarted from here");
        }
        stop();
        launch();
    }

    private synchronized void launch() {
        try {
            Files.createDirectories(dataDirectory);
            stopStaleBroker();
            Path config = writeConfig();
            Path log4j = dataDirectory.resolve("log4j2.properties");
            Files.writeString(log4j, "status=warn\nrootLogger.level=warn\n");
            String classpath = classpath();
            if (!Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
                run(List.of(Processes.javaExecutable(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "-t", Uuid.randomUuid().toString(), "-c", config.toString()), Duration.ofSeconds(60));
            }
            List<String> command = new ArrayList<>(List.of(Processes.javaExecutable()));
            command.addAll(heapAndGcOptions(System.getenv(ENV_JVM_OPTIONS)));
            command.addAll(List.of("-Djava.awt.headless=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dlog4j2.configurationFile=" + log4j,
                    "-cp", classpath, "kafka.Kafka", config.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDirectory.resolve("broker.log").toFile()))
                    .start();
            Files.writeString(dataDirectory.resolve("broker.pid"), Long.toString(process.pid()));
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Processes.stop(started.toHandle(),
                    Duration.ofSeconds(10)), "kafka-broker-stop"));
            // after a crash the broker first recovers every partition's log: on a busy 2-core machine that alone can
            // take a minute or more
            awaitReady(Duration.ofMinutes(4));
        } catch (IOException e) {
            throw new IllegalStateException("Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    /** A broker left running by a launcher that died by kill -9 would hold the ports and the data folder. */
    private void stopStaleBroker() throws IOException {
        Path pidFile = dataDirectory.resolve("broker.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains("kafka.Kafka")).orElse(false))
                    .ifPresent(stale -> {
                        System.err.println("stopping a stale Kafka broker (pid " + pid + ") left on " + dataDirectory);
                        Processes.stop(stale, Duration.ofSeconds(20));
                    });
        } catch (NumberFormatException e) {
            // not ours
        }
        Files.deleteIfExists(pidFile);
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK + ":"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dataDirectory.resolve("logs").toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        // one node: every internal topic with one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.backoff.ms", "1000");
        // The log cleaner (compacted topics: specialist-events, the consumer offsets) keeps its key map in one heap
        // array, 128 MiB by default: in this broker's 256 MiB heap that left the old generation ~95 % full for good, and
        // every promotion cost a full collection of ~200 ms that stopped the broker (20 in an hour of benchmark runs,
        // the "broker spikes" of the event path's slowest seconds). 16 MiB holds ~600,000 keys.
        p.put("log.cleaner.dedupe.buffer.size", Long.toString(CLEANER_DEDUPE_BUFFER_BYTES));
        Path file = dataDirectory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "written by embedded-infra KafkaBroker");
        }
        return file;
    }

    private static String classpath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build embedded-infra with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private void run(List<String> command, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDirectory.resolve("broker.log").toFile()))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka storage failed; see "
                        + dataDirectory.resolve("broker.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see "
                        + dataDirectory.resolve("broker.log"));
            }
            if (Ports.isOpen(port)) {
                try (Admin admin = admin()) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                }
            }
            sleepQuietly(200);
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see "
                + dataDirectory.resolve("broker.log"), last);
    }

    /**
     * Creates topics that do not exist yet.
     *
     * @param topics name to topic-level config (e.g. {@code cleanup.policy=compact})
     */
    public void createTopics(Map<String, Map<String, String>> topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = topics.entrySet().stream()
                    .map(t -> new NewTopic(t.getKey(), 3, (short) 1).configs(t.getValue())).toList();
            for (var result : admin.createTopics(newTopics).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics " + topics.keySet() + ": " + e, e);
        }
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(config);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // polling a child process for readiness; there is no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
