package org.secondopinion.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The infrastructure every other test stands on: real servers, real data that survives restarts. */
class EmbeddedInfraTest {

    @Test
    void postgresKeepsDataAcrossARestartOnTheSameFolder(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        try (PostgresServer pg = PostgresServer.startEmbedded(dir, port)) {
            pg.ensureDatabase("case_db");
            pg.ensureDatabase("case_db"); // idempotent
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("case_db"), pg.user(), pg.password())) {
                c.createStatement().execute("CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('still here')");
            }
        }
        try (PostgresServer pg = PostgresServer.startEmbedded(dir, port);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("case_db"), pg.user(), pg.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT v, version() FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void kafkaBrokerDeliversInOrderPerKeyAndSurvivesARestart(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir, 0)) {
            broker.createTopics(Map.of("probe", Map.of()));
            send(broker, "first");
            broker.restart();
            send(broker, "second");
            assertThat(readAll(broker, 2)).containsExactly("first", "second");
        }
    }

    @Test
    void kafkaBrokerKeepsMostOfItsOldGenerationFree(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir, 0)) {
            broker.createTopics(Map.of("probe", Map.of("cleanup.policy", "compact")));
            send(broker, "first");

            // jstat -gc: the old generation's capacity and use in KB (columns OC and OU). With the log cleaner's
            // default 128 MiB key map the broker's old generation was ~95 % full from the start, so that every
            // promotion meant a stop-the-world full collection of the broker.
            Path jstat = Path.of(Processes.javaExecutable()).resolveSibling("jstat");
            Process p = new ProcessBuilder(jstat.toString(), "-gc", Long.toString(broker.pid()))
                    .redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            assertThat(p.waitFor()).as(String.join("\n", lines)).isZero();
            List<String> columns = List.of(lines.get(0).trim().split("\\s+"));
            List<String> values = List.of(lines.get(1).trim().split("\\s+"));
            double oldUsedMb = Double.parseDouble(values.get(columns.indexOf("OU"))) / 1024;

            // below the default key map's 128 MiB alone, with room for what a fresh broker promotes while starting
            assertThat(oldUsedMb).as("old generation used, MB").isLessThan(100);
        }
    }

    private static void send(KafkaBroker broker, String value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "same-key", value)).get();
        }
    }

    private static List<String> readAll(KafkaBroker broker, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("probe"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
