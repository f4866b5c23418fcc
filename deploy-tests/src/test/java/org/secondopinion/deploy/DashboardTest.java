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
     * Every metric a panel queries is exported by the code (a Micrometer name registered in a service or the
     * gateway, {@code offers.declined} → {@code offers_declined_total}, or a family a binder adds) or recorded by the
     * alert rules (the SLO row): a renamed counter must not leave a panel silently empty.
     */
    @Test
    void everyMetricOnTheDashboardIsExportedByTheCodeOrRecordedByTheRules() {
        Set<String> registered = ExportedMetrics.registered();
        Set<String> recorded = AlertRules.read(Repo.root().resolve(AlertRules.FILE)).recorded();
        List<String> unknown = new ArrayList<>();
        for (String expr : expressions()) {
            for (String metric : ExportedMetrics.queriedBy(expr)) {
                if (!recorded.contains(metric) && !ExportedMetrics.exported(metric, registered)) {
                    unknown.add(metric);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    /** The front door and the objectives have rows of their own (issue 20). */
    @Test
    void gatewayAndSloRowsShowTrafficFailuresBreakersAndErrorBudgets() {
        List<String> rows = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            if (p.path("type").asText().equals("row")) {
                rows.add(p.path("title").asText());
            }
        });
        assertThat(rows).contains("Gateway", "SLOs");
        Set<String> metrics = new HashSet<>();
        expressions().forEach(e -> metrics.addAll(ExportedMetrics.queriedBy(e)));
        assertThat(metrics).contains("gateway_requests_total", "gateway_request_duration_seconds_bucket",
                "gateway_upstream_failures_total", "gateway_upstream_duration_seconds_bucket",
                "gateway_rate_limited_total", "gateway_token_rejections_total", "gateway_breaker_state");
        for (String slo : List.of("api_availability", "api_read_latency", "api_write_latency", "journey_offered",
                "notification_delivery")) {
            assertThat(metrics).contains("slo:" + slo + ":error_budget_remaining", "slo:" + slo + ":error_ratio_rate1h");
        }
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
