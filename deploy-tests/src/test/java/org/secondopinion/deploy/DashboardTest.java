package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard parses and queries the metrics operators watch. */
class DashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*\\{");

    private final JsonNode dashboard = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(
                    Repo.read(Repo.root().resolve("deploy/grafana/second-opinion-dashboard.json")));
        } catch (Exception e) {
            throw new IllegalStateException("dashboard JSON does not parse", e);
        }
    }

    private List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        return expressions;
    }

    @Test
    void queriesCoverHttpJvmMessagingAndBusinessMetrics() {
        Set<String> metrics = new HashSet<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                metrics.add(m.group(1));
            }
        }
        assertThat(metrics).contains(
                "http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "jvm_memory_used_bytes", "kafka_consumer_fetch_manager_records_lag_max", "work_backlog",
                "cases_submitted_total", "offers_declined_total", "offers_expired_total", "notification_deliveries_total");
    }

    /**
     * Every business metric a panel queries is registered somewhere in the services' code, under the Micrometer name
     * Prometheus turns into it ({@code offers.declined} → {@code offers_declined_total}): a renamed counter must not
     * leave a panel silently empty.
     */
    @Test
    void everyBusinessMetricOnTheDashboardIsRegisteredByAService() throws Exception {
        Set<String> registered = new HashSet<>();
        Pattern literal = Pattern.compile("\"([a-z]+(?:\\.[a-z]+)+)\"");
        for (String module : List.of("case-service", "specialist-service", "matching-service", "notification-service",
                "platform-common")) {
            try (var files = java.nio.file.Files.walk(Repo.root().resolve(module).resolve("src/main/java"))) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Repo.read(file));
                    while (m.find()) {
                        registered.add(m.group(1).replace('.', '_'));
                    }
                }
            }
        }
        Set<String> business = new HashSet<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                String metric = m.group(1);
                if (!metric.startsWith("http_") && !metric.startsWith("jvm_") && !metric.startsWith("kafka_")
                        && !metric.startsWith("process_") && !metric.startsWith("system_")) {
                    business.add(metric.replaceAll("_(total|seconds_count|seconds_sum|seconds_bucket|seconds_max)$", ""));
                }
            }
        }
        assertThat(business).isNotEmpty();
        assertThat(registered).as("Micrometer names in the services' code").containsAll(business);
    }

    @Test
    void everyPanelQueryNamesAMetricAndUsesTheDataSourceVariable() {
        assertThat(dashboard.path("uid").asText()).isNotEmpty();
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).contains("datasource", "namespace", "service");

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            assertThat(panel.has("gridPos")).as("panel %s has a position", panel.path("title").asText()).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets").size()).as("panel %s has queries", panel.path("title").asText())
                    .isPositive();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            for (JsonNode target : panel.path("targets")) {
                assertThat(METRIC.matcher(target.path("expr").asText()).find())
                        .as("query of %s names a metric", panel.path("title").asText()).isTrue();
            }
        }
    }
}
