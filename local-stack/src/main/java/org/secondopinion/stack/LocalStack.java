package org.secondopinion.stack;

import org.secondopinion.infra.KafkaBroker;
import org.secondopinion.infra.PlatformTopics;
import org.secondopinion.infra.Ports;
import org.secondopinion.infra.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole platform on one machine without Docker: an embedded PostgreSQL with the four service databases, a
 * Kafka broker (KRaft, own JVM) with the platform topics, an OIDC issuer in this JVM that knows the demo identities,
 * and the services as child JVMs. Used by {@code ./stack up} and by the end-to-end tests.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().dataDir(tmp).fresh(true))) {
 *     String token = stack.token("patient1");
 *     // call stack.gatewayUrl() ...
 * }
 * }</pre>
 *
 * Data lives in {@link Options#dataDir()} and survives restarts unless {@link Options#fresh(boolean)} is set.
 * Pid files there let the next start stop whatever a launcher killed with {@code kill -9} left behind.
 */
public final class LocalStack implements AutoCloseable {

    /** The four service databases, created on every start when missing. */
    public static final List<String> DATABASES =
            Stream.of(StackService.values()).flatMap(s -> s.database().stream()).toList();

    private final Options options;
    private final Path dataDir;
    /** Where callers reach each service: the instance itself, or its balancer ({@link Options#balanced}). */
    private final Map<StackService, Integer> servicePorts;
    private final Map<StackService, Integer> instancePorts = new EnumMap<>(StackService.class);
    private final Map<StackService, Balancer> balancers = new EnumMap<>(StackService.class);
    private final Map<StackService, ServiceProcess> services = new EnumMap<>(StackService.class);
    private final Thread shutdownHook = new Thread(this::close, "local-stack-stop");
    private final java.util.concurrent.atomic.AtomicInteger replicas = new java.util.concurrent.atomic.AtomicInteger();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private OidcIssuer issuer;
    private KeycloakServer keycloak;
    private String issuerUrl;
    private LocalMail mail;
    private boolean closed;

    private LocalStack(Options options) {
        this.options = options;
        this.dataDir = options.dataDir().toAbsolutePath().normalize();
        this.servicePorts = new EnumMap<>(StackService.class);
        for (StackService s : StackService.values()) {
            int port = options.port(s);
            servicePorts.put(s, port == 0 ? Ports.free() : port);
            instancePorts.put(s, options.balanced() ? Ports.free() : servicePorts.get(s));
        }
    }

    /**
     * Starts everything and blocks until every selected service answers {@code /q/health/ready} with 200.
     *
     * @throws IllegalStateException with the failing part and its log file; whatever was started is stopped again
     */
    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack(options);
        stack.checkJars();
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void checkJars() {
        for (StackService s : options.services()) {
            Path jar = jarOf(s);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(s.serviceName() + " is not built: " + jar
                        + " is missing; run ./mvnw -DskipTests install in " + options.repoRoot().toAbsolutePath());
            }
        }
    }

    private void startAll() {
        stopStaleProcesses();
        if (options.fresh()) {
            deleteRecursively(dataDir);
        }
        createDirectories(dataDir.resolve("logs"));

        progress("starting PostgreSQL");
        postgres = PostgresServer.startEmbedded(dataDir.resolve("postgres"), options.postgresPort(),
                options.postgresSettings());
        DATABASES.forEach(postgres::ensureDatabase);

        progress("starting Kafka");
        kafka = KafkaBroker.start(dataDir.resolve("kafka"), options.kafkaPort());
        kafka.createTopics(PlatformTopics.ALL);

        if (options.keycloak()) {
            progress("starting Keycloak with " + options.realmFile().getFileName());
            keycloak = KeycloakServer.start(dataDir.resolve("keycloak"), options.oidcPort(), options.realmFile(),
                    options.readyTimeout());
            issuerUrl = keycloak.issuerUrl();
        } else {
            progress("starting the OIDC issuer");
            issuer = OidcIssuer.start(options.oidcPort());
            issuerUrl = issuer.issuerUrl();
        }
        progress("starting the mail server");
        mail = LocalMail.start(options.smtpPort(), options.imapPort());
        writeStackProperties();

        for (StackService s : options.services()) {
            if (options.balanced()) {
                Balancer balancer = new Balancer(servicePorts.get(s));
                balancer.add(instancePorts.get(s));
                balancers.put(s, balancer);
            }
            services.put(s, new ServiceProcess(s, jarOf(s), instancePorts.get(s), environmentOf(s),
                    dataDir.resolve("logs").resolve(s.serviceName() + ".log"), pidFileOf(s), true));
        }
        if (!services.isEmpty()) {
            progress("starting " + String.join(", ", services.keySet().stream().map(StackService::serviceName).toList()));
        }
        // all at once: most of a service's start is JVM and Quarkus boot, which overlaps well
        services.values().forEach(ServiceProcess::start);
        awaitAllReady(services.values());
    }

    private void awaitAllReady(Collection<ServiceProcess> starting) {
        Instant deadline = Instant.now().plus(options.readyTimeout());
        List<ServiceProcess> pending = new ArrayList<>(starting);
        while (true) {
            pending.removeIf(ServiceProcess::pollReady);
            if (pending.isEmpty()) {
                return;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw pending.get(0).notReadyInTime();
            }
            ServiceProcess.pause();
        }
    }

    /** Services, broker and database server that a launcher killed with -9 left running on this data folder. */
    private void stopStaleProcesses() {
        for (StackService s : StackService.values()) {
            PidFiles.stopStale(pidFileOf(s), ServiceProcess.COMMAND_MARKER, s.serviceName());
        }
        if (options.fresh()) {
            // the data folder is about to be deleted: nothing may keep running on it (otherwise embedded-infra
            // stops these itself on start)
            PidFiles.stopStale(dataDir.resolve("kafka").resolve("broker.pid"), "kafka.Kafka", "Kafka broker");
            PidFiles.stopStale(dataDir.resolve("postgres").resolve("postmaster.pid"), "postgres", "PostgreSQL");
            PidFiles.stopStale(dataDir.resolve("keycloak").resolve(KeycloakServer.PID_FILE), KeycloakServer.COMMAND_MARKER,
                    "Keycloak");
        }
    }

    private Map<String, String> environmentOf(StackService s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", Ports.LOOPBACK);
        // SIGTERM drains: in-flight requests finish, new ones get 503, as in Kubernetes (QUARKUS_SHUTDOWN_TIMEOUT)
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "10s");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(instancePorts.get(s)));
        env.put("SO_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("SO_OIDC_ISSUER", issuerUrl);
        // the clients whose tokens may act as a clinic: the demo clinics, the same in the Keycloak realm
        env.put("SO_SECURITY_CLINIC_CLIENTS", String.join(",", DemoIdentities.CLINICS));
        env.put("SO_LOG_JSON", Boolean.toString(options.productionTelemetry()));
        env.put("SO_OTEL_DISABLED", Boolean.toString(!options.productionTelemetry()));
        // static consumer-group membership: an instance restarted under the same name takes its partitions back at
        // once (replicas get their own names, startReplica)
        env.put("SO_EVENTS_INSTANCE_ID", "main");
        s.database().ifPresent(db -> {
            env.put("SO_DB_URL", postgres.jdbcUrl(db));
            env.put("SO_DB_USER", postgres.user());
            env.put("SO_DB_PASSWORD", postgres.password());
        });
        if (s == StackService.SPECIALIST) {
            env.put("SO_DEMO_DATA", Boolean.toString(options.demoData()));
            options.demoSpecialists().ifPresent(n -> env.put("SO_DEMO_SPECIALISTS", Integer.toString(n)));
        }
        // notification-service mails people about their cases; case-service mails referred patients their claim code
        if (s == StackService.NOTIFICATION || s == StackService.CASE) {
            env.put("SO_SMTP_HOST", Ports.LOOPBACK);
            env.put("SO_SMTP_PORT", Integer.toString(mail.smtpPort()));
        }
        if (s == StackService.NOTIFICATION) {
            // a clinic's test receiver on this machine listens on 127.0.0.1; deployments only deliver to public addresses
            env.put("SO_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
            // local only: a fixed, public key (base64 of "local-stack-only-not-a-secret!!!") so the stack's data
            // survives restarts; the prod-profile jar refuses to start without one, deployments set their own
            env.put("SO_WEBHOOKS_SECRET_KEY", "bG9jYWwtc3RhY2stb25seS1ub3QtYS1zZWNyZXQhISE=");
        }
        if (s == StackService.GATEWAY) {
            for (StackService upstream : StackService.values()) {
                if (upstream != StackService.GATEWAY) {
                    env.put(upstream.upstreamUrlVariable(), "http://" + Ports.LOOPBACK + ":" + servicePorts.get(upstream));
                }
            }
        }
        env.putAll(options.environment(s));
        return env;
    }

    /** What {@code ./stack token} reads to find the issuer of the running stack. */
    private void writeStackProperties() {
        Properties p = new Properties();
        p.setProperty("gateway.url", gatewayUrl());
        p.setProperty("oidc.issuer", issuerUrl);
        try (var out = Files.newBufferedWriter(dataDir.resolve(STACK_PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(out, "the running local stack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String STACK_PROPERTIES = "stack.properties";

    /** The gateway's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String gatewayUrl() {
        return serviceUrl(StackService.GATEWAY.serviceName());
    }

    /** A service's base URL (started or not), e.g. {@code http://127.0.0.1:8081} for {@code case-service}. */
    public String serviceUrl(String name) {
        return "http://" + Ports.LOOPBACK + ":" + servicePorts.get(StackService.of(name));
    }

    /** The local mail server notification-service and case-service send to. */
    public LocalMail mail() {
        return mail;
    }

    /**
     * The issuer URL the services trust, e.g. {@code http://127.0.0.1:8090/second-opinion} (Keycloak:
     * {@code http://127.0.0.1:8090/realms/second-opinion}).
     */
    public String oidcIssuer() {
        return issuerUrl;
    }

    /** The Keycloak server the stack runs instead of the local issuer ({@link Options#keycloak}), if it does. */
    public java.util.Optional<KeycloakServer> keycloak() {
        return java.util.Optional.ofNullable(keycloak);
    }

    /** An access token for a demo user or clinic (see {@link DemoIdentities}), fetched from the issuer over HTTP. */
    public String token(String user) {
        return TokenClient.accessToken(oidcIssuer(), user);
    }

    /** JDBC URL of a database on the stack's PostgreSQL (user {@code postgres}, empty password). */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** {@code host:port} of the stack's Kafka broker. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The database server itself, for tests that play an outage ({@link PostgresServer#freeze}). */
    public PostgresServer postgres() {
        return postgres;
    }

    /** The broker itself, for tests that play a Kafka outage ({@link KafkaBroker#stop()} / {@code restart()}). */
    public KafkaBroker kafka() {
        return kafka;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where a service writes its output. */
    public Path logFile(String name) {
        return dataDir.resolve("logs").resolve(StackService.of(name).serviceName() + ".log");
    }

    /** Stops one service (SIGTERM, then kill after 20 s), e.g. to test how the others cope with its absence. */
    public void stopService(String name) {
        ServiceProcess process = services.get(StackService.of(name));
        if (process == null) {
            throw new IllegalArgumentException(name + " is not part of this stack");
        }
        process.stop();
    }

    /** Starts a stopped service again on the same port and blocks until it is ready. */
    public void startService(String name) {
        StackService s = StackService.of(name);
        ServiceProcess process = services.get(s);
        if (process == null) {
            throw new IllegalArgumentException(name + " is not part of this stack");
        }
        process.start();
        process.awaitReady(Instant.now().plus(options.readyTimeout()));
    }

    /**
     * A second instance of a service on its own free port, sharing the database, Kafka consumer group and everything
     * else with the first, as a second Kubernetes replica would; for scale-out tests. {@link Replica#close()} stops it
     * as Kubernetes does (SIGTERM, then kill after 20 s). Its log is {@code logs/<service>-replica.log}.
     */
    public Replica startReplica(String name) {
        return startReplica(name, Map.of());
    }

    /** A replica (see {@link #startReplica(String)}) with environment variables of its own on top of the service's. */
    public Replica startReplica(String name, Map<String, String> environment) {
        StackService s = StackService.of(name);
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>(environmentOf(s));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("SO_EVENTS_INSTANCE_ID", "replica-" + replicas.incrementAndGet());
        env.putAll(environment);
        // a replica reads the class-data archive but never writes it: the first instance does
        ServiceProcess process = new ServiceProcess(s, jarOf(s), port, env,
                dataDir.resolve("logs").resolve(s.serviceName() + "-replica.log"),
                dataDir.resolve("run").resolve(s.serviceName() + "-replica.pid"), false);
        process.start();
        try {
            process.awaitReady(Instant.now().plus(options.readyTimeout()));
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        Balancer balancer = balancers.get(s);
        if (balancer != null) {
            balancer.add(port);
        }
        return new Replica(process, balancer);
    }

    /** The first instance of a service, as a handle like a replica's (to kill and start it again). */
    public Replica instance(String name) {
        ServiceProcess process = services.get(StackService.of(name));
        if (process == null) {
            throw new IllegalArgumentException(name + " is not part of this stack");
        }
        return new Replica(process, null);
    }

    /** An instance of a service (see {@link #startReplica} and {@link #instance}). */
    public static final class Replica implements AutoCloseable {
        private final ServiceProcess process;
        private final Balancer balancer;

        private Replica(ServiceProcess process, Balancer balancer) {
            this.process = process;
            this.balancer = balancer;
        }

        public String name() {
            return process.service().serviceName() + ":" + process.port();
        }

        /** SIGKILL: a crash. */
        public void kill() {
            process.kill();
        }

        /** Starts it again (same port, same environment) and waits until it is ready. */
        public void start(Duration readyTimeout) {
            process.start();
            process.awaitReady(Instant.now().plus(readyTimeout));
        }

        public String url() {
            return "http://" + Ports.LOOPBACK + ":" + process.port();
        }

        public boolean isRunning() {
            return process.isRunning();
        }

        /** SIGTERM, then kill after 20 s; blocks until the process is gone. */
        @Override
        public void close() {
            if (balancer != null) {
                balancer.remove(process.port());
            }
            process.stop();
        }
    }

    public boolean isRunning(String name) {
        ServiceProcess process = services.get(StackService.of(name));
        return process != null && process.isRunning();
    }

    /** Stops the services (in parallel, SIGTERM then kill), Kafka, the issuer and PostgreSQL. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (services.values().stream().anyMatch(ServiceProcess::isWritingArchive)) {
            progress("the services write their class-data archives as they stop: the first stop of a build takes up to a"
                    + " minute, later starts are faster");
        }
        CompletableFuture.allOf(services.values().stream()
                .map(p -> CompletableFuture.runAsync(p::stop)).toArray(CompletableFuture[]::new)).join();
        balancers.values().forEach(Balancer::close);
        quietly(() -> {
            if (kafka != null) {
                kafka.close();
            }
        });
        quietly(() -> {
            if (issuer != null) {
                issuer.close();
            }
        });
        quietly(() -> {
            if (keycloak != null) {
                keycloak.close();
            }
        });
        quietly(() -> {
            if (mail != null) {
                mail.close();
            }
        });
        quietly(() -> {
            if (postgres != null) {
                postgres.close();
            }
        });
        PidFiles.delete(dataDir.resolve(STACK_PROPERTIES));
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private Path jarOf(StackService s) {
        return options.repoRoot().resolve(s.serviceName()).resolve("target").resolve("quarkus-app")
                .resolve("quarkus-run.jar").toAbsolutePath().normalize();
    }

    private Path pidFileOf(StackService s) {
        return dataDir.resolve("run").resolve(s.serviceName() + ".pid");
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // keep stopping the rest; one part failing to stop must not leave the others running
            System.err.println("while stopping the stack: " + e.getMessage());
        }
    }

    private static void progress(String message) {
        System.err.println("[stack] " + message);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not wipe " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * How to start the stack. {@link #defaults()} gives the documented ports, data in {@code ./.stack-data}, demo
     * data on, all five services, service jars under the current directory. A port of 0 means any free port.
     */
    public static final class Options {

        private Path dataDir = Path.of(".stack-data");
        private boolean fresh;
        private final Map<StackService, Integer> ports = new EnumMap<>(StackService.class);
        private int postgresPort = 15432;
        private int kafkaPort = 19092;
        private int oidcPort = 8090;
        private boolean keycloak;
        private Path realmFile;
        private int smtpPort = 2525;
        private int imapPort = 3143;
        private boolean demoData = true;
        private EnumSet<StackService> services = EnumSet.allOf(StackService.class);
        private Path repoRoot = Path.of(".");
        private Duration readyTimeout = Duration.ofMinutes(3);
        private boolean productionTelemetry;
        private Integer demoSpecialists;
        private boolean balanced;
        private final Map<StackService, Map<String, String>> environment = new EnumMap<>(StackService.class);
        private final Map<String, String> postgresSettings = new LinkedHashMap<>();

        private Options() {
            for (StackService s : StackService.values()) {
                ports.put(s, s.defaultPort());
            }
        }

        public static Options defaults() {
            return new Options();
        }

        public Options dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Wipe the data folder before starting. */
        public Options fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** A service's port by name, e.g. {@code port("gateway", 0)}. */
        public Options port(String service, int port) {
            ports.put(StackService.of(service), checkPort(port));
            return this;
        }

        /** Every service on any free port (tests). */
        public Options anyFreeServicePorts() {
            ports.replaceAll((s, p) -> 0);
            return this;
        }

        public Options postgresPort(int port) {
            this.postgresPort = checkPort(port);
            return this;
        }

        public Options kafkaPort(int port) {
            this.kafkaPort = checkPort(port);
            return this;
        }

        public Options oidcPort(int port) {
            this.oidcPort = checkPort(port);
            return this;
        }

        /** Seed specialist-service's demo directory when empty (DESIGN §12). */
        public Options demoData(boolean demoData) {
            this.demoData = demoData;
            return this;
        }

        /** Which services to run, by name; none runs just the infrastructure. */
        public Options services(Collection<String> names) {
            EnumSet<StackService> selected = EnumSet.noneOf(StackService.class);
            names.forEach(n -> selected.add(StackService.of(n)));
            this.services = selected;
            return this;
        }

        public Options services(String... names) {
            return services(List.of(names));
        }

        /** The repository root holding {@code <module>/target/quarkus-app/quarkus-run.jar}. */
        public Options repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        public Options readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /**
         * Logs and traces as in production: JSON log lines with request and trace ids, the OpenTelemetry SDK on (with
         * no collector to export to). Off by default: a developer reads text logs, and nothing listens for spans.
         */
        public Options productionTelemetry(boolean on) {
            this.productionTelemetry = on;
            return this;
        }

        public boolean productionTelemetry() {
            return productionTelemetry;
        }

        /** Generated profiles added to the demo directory (specialist-service's default: 300), e.g. 100 000. */
        public Options demoSpecialists(int count) {
            if (count < 0 || count > 1_000_000) {
                throw new IllegalArgumentException("--specialists must be between 0 and 1000000, not " + count);
            }
            this.demoSpecialists = count;
            return this;
        }

        /**
         * A balancer in front of each service (as a Kubernetes Service): callers and the gateway reach the service on
         * its port, whichever of its instances ({@link #startReplica}) is up. For scale-out and chaos tests.
         */
        public Options balanced(boolean on) {
            this.balanced = on;
            return this;
        }

        public boolean balanced() {
            return balanced;
        }

        /** An extra environment variable for every instance of a service (e.g. a tuning a test needs). */
        public Options environment(String service, String name, String value) {
            environment.computeIfAbsent(StackService.of(service), s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** A setting on the embedded PostgreSQL's command line (e.g. a preloaded extension a benchmark reads). */
        public Options postgresSetting(String name, String value) {
            postgresSettings.put(name, value);
            return this;
        }

        Map<String, String> postgresSettings() {
            return Map.copyOf(postgresSettings);
        }

        Map<String, String> environment(StackService service) {
            return environment.getOrDefault(service, Map.of());
        }

        public java.util.OptionalInt demoSpecialists() {
            return demoSpecialists == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(demoSpecialists);
        }

        public Path dataDir() {
            return dataDir;
        }

        public boolean fresh() {
            return fresh;
        }

        public int port(StackService service) {
            return ports.get(service);
        }

        public int postgresPort() {
            return postgresPort;
        }

        public int kafkaPort() {
            return kafkaPort;
        }

        public int oidcPort() {
            return oidcPort;
        }

        /**
         * Keycloak (from Maven Central, in its own process, on {@link #oidcPort}) with the realm of {@link #realmFile}
         * instead of the local issuer.
         */
        public Options keycloak(boolean on) {
            this.keycloak = on;
            return this;
        }

        public boolean keycloak() {
            return keycloak;
        }

        /** The realm Keycloak imports; default {@code deploy/keycloak/second-opinion-realm.json} of the repository. */
        public Options realmFile(Path realmFile) {
            this.realmFile = realmFile;
            return this;
        }

        public Path realmFile() {
            return realmFile != null ? realmFile
                    : repoRoot.resolve("deploy").resolve("keycloak").resolve("second-opinion-realm.json");
        }

        /** SMTP (2525) and IMAP (3143) ports of the local mail server; 0 for any free one. */
        public Options mailPorts(int smtp, int imap) {
            this.smtpPort = checkPort(smtp);
            this.imapPort = checkPort(imap);
            return this;
        }

        public int smtpPort() {
            return smtpPort;
        }

        public int imapPort() {
            return imapPort;
        }

        public boolean demoData() {
            return demoData;
        }

        public Set<StackService> services() {
            return EnumSet.copyOf(services);
        }

        public Path repoRoot() {
            return repoRoot;
        }

        public Duration readyTimeout() {
            return readyTimeout;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            return port;
        }
    }
}
