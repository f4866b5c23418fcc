package org.secondopinion.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Starting, stopping and restarting the stack on one data folder. */
class LocalStackLifecycleTest {

    @TempDir
    Path dataDir;

    /** One scenario, because every start of the broker costs seconds: keep, restart, then wipe. */
    @Test
    void dataSurvivesARestartFreshWipesItAndCloseLeavesNoProcessBehind() throws Exception {
        long postgresPid;
        long kafkaPid;
        try (LocalStack stack = LocalStack.start(infrastructureOnly(false))) {
            execute(stack, "CREATE TABLE kept_across_restarts (id int)");
            postgresPid = pid(dataDir.resolve("postgres/postmaster.pid"));
            kafkaPid = pid(dataDir.resolve("kafka/broker.pid"));
            assertThat(ProcessHandle.of(postgresPid)).map(ProcessHandle::isAlive).contains(true);
            assertThat(ProcessHandle.of(kafkaPid)).map(ProcessHandle::isAlive).contains(true);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ProcessHandle.of(postgresPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(ProcessHandle.of(kafkaPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        });

        try (LocalStack again = LocalStack.start(infrastructureOnly(false))) {
            assertThat(tableExists(again, "kept_across_restarts")).isTrue();
        }

        try (LocalStack fresh = LocalStack.start(infrastructureOnly(true))) {
            assertThat(tableExists(fresh, "kept_across_restarts")).isFalse();
            assertThat(LocalStack.DATABASES).allSatisfy(db -> assertThat(canConnect(fresh, db)).isTrue());
        }
    }

    @Test
    void missingServiceJarIsNamedBeforeAnythingStarts(@TempDir Path emptyRepo) {
        assertThatThrownBy(() -> LocalStack.start(infrastructureOnly(false)
                .repoRoot(emptyRepo).services("case-service")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("case-service")
                .hasMessageContaining(emptyRepo.resolve("case-service/target/quarkus-app/quarkus-run.jar").toString());
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void unknownServiceNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> LocalStack.Options.defaults().services("billing-service"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("case-service, specialist-service");
    }

    private LocalStack.Options infrastructureOnly(boolean fresh) {
        return LocalStack.Options.defaults().dataDir(dataDir).fresh(fresh).services(List.of())
                .postgresPort(0).kafkaPort(0).oidcPort(0).anyFreeServicePorts();
    }

    private static long pid(Path pidFile) throws Exception {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    private static void execute(LocalStack stack, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("case_db"), "postgres", "")) {
            c.createStatement().execute(sql);
        }
    }

    private static boolean tableExists(LocalStack stack, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("case_db"), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT 1 FROM information_schema.tables WHERE table_name = '" + table + "'")) {
            return rs.next();
        }
    }

    private static boolean canConnect(LocalStack stack, String database) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(database), "postgres", "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

}
