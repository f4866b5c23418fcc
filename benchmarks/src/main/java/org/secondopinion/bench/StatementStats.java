package org.secondopinion.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the services asked PostgreSQL during a measured window, per unit of work (e.g. per case), read from
 * {@code pg_stat_statements} ({@code --statements}: the benchmark's stack preloads it). Round trips and index writes
 * are most of PostgreSQL's CPU per case, so the count of statements per case is the figure to bring down.
 */
final class StatementStats {

    /** The reference's and this reader's own databases: not the platform's work. */
    private static final String NOT_THE_PLATFORM = "('postgres', 'bench_reference', 'template0', 'template1')";

    private final String url;

    private StatementStats(String url) {
        this.url = url;
    }

    /** Forgets what came before (start-up, warm-up): from here on, only the measured window counts. */
    static StatementStats open(Target target) {
        StatementStats stats = new StatementStats(target.jdbcUrl("postgres"));
        stats.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        stats.execute("SELECT pg_stat_statements_reset()");
        return stats;
    }

    private record Row(String database, String query, long calls, double execMillis, long rows) {
    }

    /** Two tables: per database, then the statements most often run, each per unit of work. */
    List<Table> perUnit(String unit, int units) {
        List<Row> rows = read();
        double n = Math.max(1, units);
        Map<String, double[]> byDatabase = new LinkedHashMap<>();
        rows.forEach(r -> {
            double[] sums = byDatabase.computeIfAbsent(r.database(), d -> new double[3]);
            sums[0] += r.calls();
            sums[1] += r.execMillis();
            sums[2] += r.rows();
        });
        // measured: BEGIN shows up (the driver sends it with a transaction's first statement, no round trip of its
        // own) and COMMIT does not, so a count is the statements plus one BEGIN per transaction
        Table databases = new Table("Statements per " + unit + " by database (pg_stat_statements: BEGIN counted, with"
                + " no round trip of its own; COMMIT not counted)",
                "database", "statements per " + unit, "execution ms per " + unit, "rows per " + unit);
        byDatabase.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> databases.row(e.getKey(), e.getValue()[0] / n, e.getValue()[1] / n, e.getValue()[2] / n));
        databases.row("**all**", rows.stream().mapToLong(Row::calls).sum() / n,
                rows.stream().mapToDouble(Row::execMillis).sum() / n, rows.stream().mapToLong(Row::rows).sum() / n);

        Table statements = new Table("The statements run most often, per " + unit,
                "database", "calls per " + unit, "mean µs", "statement");
        rows.stream().sorted((a, b) -> Long.compare(b.calls(), a.calls())).limit(30)
                .filter(r -> r.calls() / n >= 0.05)
                .forEach(r -> statements.row(r.database(), r.calls() / n, 1000 * r.execMillis() / r.calls(),
                        "`" + shorten(r.query()) + "`"));
        return List.of(databases, statements);
    }

    private static String shorten(String query) {
        String one = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
        return one.length() <= 140 ? one : one.substring(0, 137) + "...";
    }

    private List<Row> read() {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT d.datname, s.query, s.calls, s.total_exec_time, s.rows"
                     + " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                     + " WHERE d.datname NOT IN " + NOT_THE_PLATFORM)) {
            while (r.next()) {
                rows.add(new Row(r.getString(1), r.getString(2), r.getLong(3), r.getDouble(4), r.getLong(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read pg_stat_statements: " + e.getMessage(), e);
        }
        return rows;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements is not loaded (run the benchmark with --statements"
                    + " on a stack of its own): " + e.getMessage(), e);
        }
    }
}
