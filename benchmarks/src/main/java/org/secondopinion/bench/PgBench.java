package org.secondopinion.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intake reference: how many single-row inserts per second the same PostgreSQL takes from the same number of
 * clients, measured by pgbench ({@code -n -c <clients> -j 2 -T <s>}, a one-line INSERT script into a scratch table of
 * a scratch database). pgbench comes with PostgreSQL's client package ({@code apt-get install postgresql-client}).
 */
final class PgBench {

    record Result(double tps, double latencyMillis, String tool) {
    }

    private PgBench() {
    }

    static Result run(Target target, int clients, int seconds) {
        String url = target.jdbcUrl("postgres");
        Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        if (!hostPort.find()) {
            throw new IllegalStateException("cannot read host and port of " + url);
        }
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS bench_reference WITH (FORCE)");
            s.execute("CREATE DATABASE bench_reference");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the reference database: " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(base + "bench_reference", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE reference_insert (id bigserial PRIMARY KEY, payload text NOT NULL, "
                    + "created_at timestamptz NOT NULL DEFAULT now())");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try {
            Path script = Files.createTempFile("pgbench-insert", ".sql");
            Files.writeString(script, "INSERT INTO reference_insert (payload) VALUES ('a row of about the size of a case summary');\n",
                    StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(List.of("pgbench", "-n", "-h", hostPort.group(1), "-p", hostPort.group(2),
                    "-U", "postgres", "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds),
                    "-f", script.toString(), "bench_reference")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(seconds + 60L, TimeUnit.SECONDS);
            Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
            Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("pgbench printed no tps:\n" + out);
            }
            return new Result(Double.parseDouble(tps.group(1)),
                    latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN, "pgbench");
        } catch (IOException e) {
            throw new IllegalStateException("pgbench is needed for the reference (apt-get install postgresql-client): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
