package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PrometheusRule file and what an on-call engineer relies on in it: each alert says how urgent it is
 * ({@code labels.severity} page or ticket), what is wrong ({@code annotations.summary}) and where the runbook is
 * ({@code annotations.runbook_url}, a section of docs/OPERATIONS.md's "Alerts and runbooks"); each expression
 * queries only what the code exports or the file records; and Prometheus accepts the rules (promtool).
 */
final class AlertRules {

    static final Path FILE = Path.of("deploy/kubernetes/components/monitoring/prometheusrules.yaml");
    static final String RUNBOOKS = "docs/OPERATIONS.md";
    static final String RUNBOOK_SECTION = "## Alerts and runbooks";
    private static final Set<String> SEVERITIES = Set.of("page", "ticket");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE);

    private final JsonNode resource;

    private AlertRules(JsonNode resource) {
        this.resource = resource;
    }

    static AlertRules read(Path file) {
        try {
            return new AlertRules(new ObjectMapper(new YAMLFactory()).readTree(Repo.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("rule file " + file + " does not parse", e);
        }
    }

    JsonNode resource() {
        return resource;
    }

    List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        resource.path("spec").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    List<JsonNode> alerts() {
        return rules().stream().filter(r -> r.has("alert")).toList();
    }

    Set<String> recorded() {
        Set<String> names = new TreeSet<>();
        rules().stream().filter(r -> r.has("record")).forEach(r -> names.add(r.path("record").asText()));
        return names;
    }

    /** Every metric an expression names that neither the code exports nor a recording rule of this file defines. */
    List<String> unknownMetrics(Set<String> registered) {
        Set<String> recorded = recorded();
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : rules()) {
            for (String metric : ExportedMetrics.queriedBy(rule.path("expr").asText())) {
                if (!recorded.contains(metric) && !ExportedMetrics.exported(metric, registered)) {
                    problems.add(name(rule) + " queries " + metric + ", which no service exports");
                }
            }
        }
        return problems;
    }

    /** Alerts without a severity of page or ticket, a summary, or a runbook link to an existing section. */
    List<String> unusableAlerts(Set<String> runbookAnchors) {
        List<String> problems = new ArrayList<>();
        for (JsonNode alert : alerts()) {
            String severity = alert.path("labels").path("severity").asText();
            if (!SEVERITIES.contains(severity)) {
                problems.add(name(alert) + " has severity '" + severity + "', not page or ticket");
            }
            if (alert.path("annotations").path("summary").asText().isBlank()) {
                problems.add(name(alert) + " has no summary");
            }
            String url = alert.path("annotations").path("runbook_url").asText();
            int hash = url.indexOf('#');
            if (!url.contains(RUNBOOKS + "#") || !runbookAnchors.contains(url.substring(hash + 1))) {
                problems.add(name(alert) + " links runbook '" + url + "', not a section of " + RUNBOOKS
                        + " under '" + RUNBOOK_SECTION + "'");
            }
        }
        return problems;
    }

    /**
     * The anchors GitHub gives the headings of the runbook section and below it: lower case, punctuation dropped,
     * spaces as hyphens ({@code ### OutboxBacklogOld} -> {@code outboxbacklogold}).
     */
    static Set<String> runbookAnchors(String markdown) {
        int start = markdown.indexOf("\n" + RUNBOOK_SECTION + "\n");
        Set<String> anchors = new TreeSet<>();
        if (start < 0) {
            return anchors;
        }
        Matcher m = HEADING.matcher(markdown.substring(start + 1));
        while (m.find()) {
            anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    /** promtool's verdict on the rule groups ({@code spec} as a plain Prometheus rule file): empty when accepted. */
    Optional<String> promtoolProblems(String promtool) {
        try {
            Path plain = Files.createTempFile("so-rules", ".yaml");
            try {
                new ObjectMapper(new YAMLFactory()).writeValue(plain.toFile(), resource.path("spec"));
                Process process = new ProcessBuilder(promtool, "check", "rules", plain.toString())
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.of("promtool did not finish");
                }
                return process.exitValue() == 0 ? Optional.empty() : Optional.of(output);
            } finally {
                Files.deleteIfExists(plain);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** promtool on the PATH (Debian/Ubuntu: {@code apt-get install prometheus}; .ci/run installs it). */
    static Optional<String> promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static String name(JsonNode rule) {
        return rule.has("alert") ? "alert " + rule.path("alert").asText() : "rule " + rule.path("record").asText();
    }
}
