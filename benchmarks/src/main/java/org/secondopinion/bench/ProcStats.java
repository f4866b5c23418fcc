package org.secondopinion.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What Linux says about processes: resident memory and CPU time, from /proc. */
final class ProcStats {

    /** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private ProcStats() {
    }

    static Optional<Long> findJvm(String service, int port) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> read(p.resolve("cmdline")).contains("quarkus.application.name=" + service))
                    .filter(p -> read(p.resolve("environ")).contains("QUARKUS_HTTP_PORT=" + port))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Resident set size in MiB. */
    static double rssMib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** User + system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) {
        return cpuSecondsOf(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** User + system CPU seconds so far of each thread of the process whose name contains {@code namePart}, by tid. */
    static Map<Long, Double> threadCpuSeconds(long pid, String namePart) {
        Map<Long, Double> byTid = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                String stat = read(task.resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open >= 0 && close > open && stat.substring(open + 1, close).contains(namePart)) {
                    byTid.put(Long.parseLong(task.getFileName().toString()), cpuSecondsOf(stat));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the process ended meanwhile
        }
        return byTid;
    }

    /** utime + stime of a /proc stat line (fields 14 and 15), in seconds; NaN for an empty line. */
    private static double cpuSecondsOf(String stat) {
        if (stat.isEmpty()) {
            return Double.NaN;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    /** A process's kind (service name, postgres, kafka, ...) and the CPU seconds it has used so far. */
    record Usage(String kind, double cpuSeconds) {
    }

    /** CPU seconds so far of every process on the machine, by pid. */
    static Map<Long, Usage> cpuByPid() {
        Map<Long, Usage> byPid = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                double cpu = cpuSeconds(pid);
                if (!Double.isNaN(cpu)) {
                    byPid.put(pid, new Usage(kindOf(read(p.resolve("cmdline"))), cpu));
                }
            });
        } catch (IOException e) {
            // nothing to report
        }
        return byPid;
    }

    /**
     * The kind of process a command line ({@code /proc/<pid>/cmdline}, NULs as spaces) belongs to. The JVMs are told
     * apart by their main class before anything else: the load generator's and the launcher's class paths name the
     * PostgreSQL driver and embedded PostgreSQL, so a "postgres" anywhere in the line counted them as the database
     * (until the seventh session); PostgreSQL's own processes are the ones whose program is postgres.
     */
    static String kindOf(String cmd) {
        int at = cmd.indexOf("quarkus.application.name=");
        if (at >= 0) {
            String rest = cmd.substring(at + "quarkus.application.name=".length());
            return rest.split("[\\s\\x00]")[0];
        }
        if (cmd.contains("org.secondopinion.bench.")) {
            return "benchmark client";
        }
        if (cmd.contains("org.secondopinion.stack.")) {
            return "launcher (issuer, mail)";
        }
        if (cmd.contains("kafka.Kafka") || cmd.contains("KafkaRaftServer")) {
            return "kafka";
        }
        String program = cmd.strip().split("\\s+")[0];
        if (program.endsWith("/postgres") || program.equals("postgres") || program.startsWith("postgres:")) {
            return "postgres";
        }
        return OTHER;
    }

    /** Whatever else runs on the machine (not counted as the platform's). */
    static final String OTHER = "other processes on the machine";

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
