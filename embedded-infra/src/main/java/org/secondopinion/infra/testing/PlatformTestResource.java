package org.secondopinion.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.secondopinion.infra.KafkaBroker;
import org.secondopinion.infra.PlatformTopics;
import org.secondopinion.infra.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The one test resource every service's {@code @QuarkusTest}s share: a real PostgreSQL with the service's
 * database and a real Kafka broker, started once per test JVM and kept across Quarkus restarts (test profiles).
 * {@code SO_POSTGRES_URL} / {@code SO_KAFKA_BOOTSTRAP} point it at external servers instead.
 * <p>
 * Init arg {@code database}: the service's database name (e.g. {@code case_db}).
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer postgres;
    private static KafkaBroker kafka;

    private String database = "app_db";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public synchronized Map<String, String> start() {
        PostgresServer pg = postgres();
        pg.recreateDatabase(database);
        KafkaBroker broker = kafka();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // kept for the next Quarkus start in this JVM; the JVM's shutdown stops both servers
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.fromEnvironment().orElseGet(() -> PostgresServer.startEmbedded(null, 0));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    /** The test broker; tests may {@link KafkaBroker#stop()} and {@link KafkaBroker#restart()} it to play an outage. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.fromEnvironment().orElseGet(() -> KafkaBroker.start(tempDirectory(), 0));
            kafka.createTopics(PlatformTopics.ALL);
        }
        return kafka;
    }

    private static Path tempDirectory() {
        try {
            Path target = Path.of("target");
            Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(base, "kafka-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
