package org.secondopinion.cases.platform;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.PostgresServer;
import org.secondopinion.infra.testing.PlatformTestResource;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shared migrations (platform-common's db/platform, versions 0.x) and a service's own (db/migration, 1, 2, ...)
 * share one history table. A new shared migration sorts below the service's, so on a database that is already
 * migrated it would be refused, in every service; the platform's Flyway rule must let it through.
 */
class SharedMigrationsTest {

    private static final String[] TODAY = {"classpath:db/migration", "classpath:db/platform"};

    @Test
    void aNewSharedMigrationIsAppliedToADatabaseMigratedBefore() throws Exception {
        PostgresServer pg = PlatformTestResource.postgres();
        pg.recreateDatabase("migration_trap");
        String url = pg.jdbcUrl("migration_trap");
        flyway(url, platformOutOfOrder(), TODAY).migrate();

        Flyway next = flyway(url, platformOutOfOrder(), TODAY[0], TODAY[1], "classpath:db/platform-next");
        assertThat(next.migrate().migrationsExecuted).isEqualTo(1);

        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('next_shared_table') IS NOT NULL")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void withoutThePlatformsRuleFlywayWouldRefuseIt() {
        PostgresServer pg = PlatformTestResource.postgres();
        pg.recreateDatabase("migration_trap_strict");
        String url = pg.jdbcUrl("migration_trap_strict");
        flyway(url, false, TODAY).migrate();

        assertThatThrownBy(() -> flyway(url, false, TODAY[0], TODAY[1], "classpath:db/platform-next").migrate())
                .isInstanceOf(FlywayException.class);
    }

    /** What every service gets from platform-common's defaults. */
    static boolean platformOutOfOrder() throws IOException {
        var files = Thread.currentThread().getContextClassLoader().getResources("META-INF/microprofile-config.properties");
        while (files.hasMoreElements()) {
            Properties defaults = new Properties();
            try (InputStream in = files.nextElement().openStream()) {
                defaults.load(in);
            }
            if (defaults.containsKey("quarkus.flyway.out-of-order")) {
                return Boolean.parseBoolean(defaults.getProperty("quarkus.flyway.out-of-order"));
            }
        }
        return false;
    }

    private static Flyway flyway(String url, boolean outOfOrder, String... locations) {
        PostgresServer pg = PlatformTestResource.postgres();
        return Flyway.configure().dataSource(url, pg.user(), pg.password()).locations(locations)
                .outOfOrder(outOfOrder).load();
    }
}
