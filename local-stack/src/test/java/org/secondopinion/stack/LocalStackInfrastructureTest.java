package org.secondopinion.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One infrastructure-only stack (no services) shared by every check of what it provides. */
class LocalStackInfrastructureTest {

    @TempDir
    static Path dataDir;

    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults()
                .dataDir(dataDir).services(List.of())
                .postgresPort(0).kafkaPort(0).oidcPort(0).anyFreeServicePorts());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Stream<String> demoUsers() {
        return DemoIdentities.USERS.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("demoUsers")
    void everyDemoUserGetsATokenWithTheirRoleFromTheLocalIssuer(String user) {
        JsonNode claims = Jwt.payload(stack.token(user));
        String role = DemoIdentities.USERS.get(user);

        assertThat(claims.path("iss").asText()).isEqualTo(stack.oidcIssuer());
        assertThat(claims.path("sub").asText()).isEqualTo(user);
        assertThat(claims.path("preferred_username").asText()).isEqualTo(user);
        assertThat(texts(claims.path("groups"))).containsExactly(role);
        assertThat(texts(claims.path("realm_access").path("roles"))).containsExactly(role);
        assertThat(claims.has("clinic_id")).isFalse();
        assertThat(claims.path("azp").asText()).isEqualTo(DemoIdentities.CLI_CLIENT_ID);
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
    }

    @Test
    void tokensAreSignedWithRs256() {
        assertThat(Jwt.header(stack.token("patient1"))).contains("\"alg\":\"RS256\"");
    }

    @ParameterizedTest
    @MethodSource("clinics")
    void clinicClientCredentialsTokenCarriesTheClinicId(String clinic) {
        JsonNode claims = Jwt.payload(stack.token(clinic));

        assertThat(claims.path("iss").asText()).isEqualTo(stack.oidcIssuer());
        assertThat(claims.path("sub").asText()).isEqualTo(clinic);
        assertThat(texts(claims.path("groups"))).containsExactly("clinic");
        assertThat(texts(claims.path("realm_access").path("roles"))).containsExactly("clinic");
        assertThat(claims.path("clinic_id").asText()).isEqualTo(clinic);
        // the client the token was issued to: the services take clinic calls only from the clinics' clients
        assertThat(claims.path("azp").asText()).isEqualTo(clinic);
    }

    static Stream<String> clinics() {
        return DemoIdentities.CLINICS.stream();
    }

    @Test
    void unknownUserCannotGetATokenFromTheCli() {
        assertThatThrownBy(() -> Main.token(dataDir, "mallory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("patient1");
    }

    @Test
    void cliFindsTheIssuerOfTheRunningStackInItsDataFolder() {
        assertThat(Main.issuerOf(dataDir)).isEqualTo(stack.oidcIssuer());
        assertThat(Jwt.payload(Main.token(dataDir, "coordinator1")).path("sub").asText()).isEqualTo("coordinator1");
    }

    @Test
    void postgresHasTheFourServiceDatabases() throws Exception {
        List<String> databases = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("postgres"), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        assertThat(databases).contains("case_db", "specialist_db", "matching_db", "notification_db");
    }

    @Test
    void kafkaHasThePlatformTopicsWithCompactedSpecialistSnapshots() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .contains("case-events", "matching-events", "specialist-events");
            ConfigResource specialistEvents = new ConfigResource(ConfigResource.Type.TOPIC, "specialist-events");
            String policy = admin.describeConfigs(List.of(specialistEvents)).all().get(10, TimeUnit.SECONDS)
                    .get(specialistEvents).get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
            TopicDescription caseEvents = admin.describeTopics(List.of("case-events")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("case-events");
            assertThat(caseEvents.partitions()).hasSize(3);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
