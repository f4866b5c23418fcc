package org.secondopinion.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objectives and alerts (deploy/kubernetes/components/monitoring/prometheusrules.yaml) can be relied on by the
 * team on call: they watch metrics that exist, each alert says how urgent it is and links a runbook that exists,
 * and Prometheus accepts them. Each check is also shown rejecting a broken fixture (src/test/resources/alert-rules).
 */
class AlertRulesTest {

    private static final Set<String> REGISTERED = ExportedMetrics.registered();
    private static final Set<String> ANCHORS =
            AlertRules.runbookAnchors(Repo.read(Repo.root().resolve(AlertRules.RUNBOOKS)));

    private final AlertRules rules = AlertRules.read(Repo.root().resolve(AlertRules.FILE));

    @Test
    void everyExpressionQueriesOnlyMetricsTheCodeExportsOrTheFileRecords() {
        assertThat(rules.rules()).hasSizeGreaterThan(20);
        assertThat(rules.unknownMetrics(REGISTERED)).isEmpty();
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() {
        assertThat(rules.alerts()).isNotEmpty();
        assertThat(rules.unusableAlerts(ANCHORS)).isEmpty();
    }

    /** The objectives of issue 20, each with paging and ticketing burn-rate alerts over the workbook's windows. */
    @Test
    void everyObjectiveHasMultiWindowBurnRateAlertsThatPageAndTicket() {
        Map<String, String> objectives = Map.of(
                "api_availability", "gateway_requests_total",
                "api_read_latency", "gateway_request_duration_seconds_bucket",
                "api_write_latency", "gateway_request_duration_seconds_bucket",
                "journey_offered", "matching_time_to_first_offer_seconds_bucket",
                "notification_delivery", "notification_delivery_latency_seconds_bucket");
        for (var objective : objectives.entrySet()) {
            String slo = objective.getKey();
            for (String window : List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d")) {
                assertThat(rules.recorded()).contains("slo:" + slo + ":error_ratio_rate" + window);
            }
            assertThat(rules.recorded()).contains("slo:" + slo + ":error_budget_remaining");
            assertThat(rules.rules()).filteredOn(r -> r.path("record").asText().startsWith("slo:" + slo + ":error_ratio"))
                    .allMatch(r -> r.path("expr").asText().contains(objective.getValue()));
            List<JsonNode> alerts = rules.alerts().stream()
                    .filter(a -> slo.equals(a.path("labels").path("slo").asText())).toList();
            assertThat(alerts).extracting(a -> a.path("labels").path("severity").asText())
                    .as("alerts of %s", slo).containsExactlyInAnyOrder("page", "ticket");
            String page = alerts.stream().filter(a -> a.path("labels").path("severity").asText().equals("page"))
                    .findFirst().orElseThrow().path("expr").asText();
            assertThat(page).contains("error_ratio_rate1h > (14.4 *", "error_ratio_rate5m > (14.4 *",
                    "error_ratio_rate6h > (6 *", "error_ratio_rate30m > (6 *");
            String ticket = alerts.stream().filter(a -> a.path("labels").path("severity").asText().equals("ticket"))
                    .findFirst().orElseThrow().path("expr").asText();
            assertThat(ticket).contains("error_ratio_rate1d > (3 *", "error_ratio_rate2h > (3 *",
                    "error_ratio_rate3d > (1 *", "error_ratio_rate6h > (1 *");
        }
    }

    @Test
    void theCauseAlertsOfIssue20AreThere() {
        assertThat(rules.alerts()).extracting(a -> a.path("alert").asText()).contains("DeadLettersGrowing",
                "OutboxBacklogOld", "ConsumerLagHigh", "WebhookDeliveriesDead", "CredentialExpiryJobFailing");
    }

    @Test
    void prometheusAcceptsTheRules() {
        String promtool = promtoolOrSkip();
        assertThat(rules.promtoolProblems(promtool)).isEmpty();
    }

    @Test
    void theProdOverlayShipsTheRules() {
        assertThat(Kustomize.render("overlays/prod").ofKind("PrometheusRule")).hasSize(1);
    }

    // --- each check rejects what it is there to catch

    @Test
    void aRuleOnAMetricNobodyExportsIsRejected() {
        assertThat(fixture("unknown-metric.yaml").unknownMetrics(REGISTERED))
                .containsExactly("alert CasesVanishing queries cases_vanished_total, which no service exports");
    }

    @Test
    void aRuleOnARecordingRuleTheFileDoesNotDefineIsRejected() {
        assertThat(fixture("unknown-recording-rule.yaml").unknownMetrics(REGISTERED))
                .containsExactly("alert BudgetGone queries slo:api_availability:error_ratio_rate7m, which no service exports");
    }

    @Test
    void anAlertLinkingARunbookSectionThatDoesNotExistIsRejected() {
        assertThat(fixture("missing-runbook-anchor.yaml").unusableAlerts(ANCHORS)).singleElement().asString()
                .startsWith("alert OutboxBacklogOld links runbook").contains("#outbox-is-slow");
    }

    @Test
    void anAlertWithoutSeverityOrSummaryIsRejected() {
        assertThat(fixture("missing-severity-and-summary.yaml").unusableAlerts(ANCHORS)).containsExactly(
                "alert OutboxBacklogOld has severity 'critical', not page or ticket",
                "alert OutboxBacklogOld has no summary");
    }

    @Test
    void invalidPromqlIsRejectedByPromtool() {
        String promtool = promtoolOrSkip();
        assertThat(fixture("invalid-promql.yaml").promtoolProblems(promtool)).get().asString()
                .contains("OutboxBacklogOld");
    }

    @Test
    void metricNamesAreReadOffExpressionsWithoutFunctionsLabelsOrKeywords() {
        assertThat(ExportedMetrics.queriedBy("sum by (namespace, job) (rate(a_total{x=\"y{z}\", le=\"0.5\"}[5m]))"
                + " / on (namespace) group_left sum without (pod) (b_seconds_count offset 1h) > bool 14.4 * 1e3"
                + " and slo:c:ratio_rate5m\n# a comment's words are not metrics\nor d unless d offset 5m"))
                .containsExactly("a_total", "b_seconds_count", "slo:c:ratio_rate5m", "d");
    }

    private static AlertRules fixture(String name) {
        try {
            return AlertRules.read(Path.of(AlertRulesTest.class.getResource("/alert-rules/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * promtool comes from Debian's {@code prometheus} package, which .ci/run installs. Where it is missing the PromQL
     * checks fail in CI ({@code CI} or {@code SO_REQUIRE_PROMTOOL} set: .ci/run sets the latter) and are skipped on a
     * developer's machine, saying how to get it.
     */
    private static String promtoolOrSkip() {
        Optional<String> promtool = AlertRules.promtool();
        if (promtool.isPresent()) {
            return promtool.get();
        }
        String hint = "promtool is not on the PATH: apt-get install prometheus (Debian's package ships /usr/bin/promtool)";
        List<String> required = new ArrayList<>();
        for (String variable : List.of("CI", "SO_REQUIRE_PROMTOOL")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank() && !value.equalsIgnoreCase("false")) {
                required.add(variable);
            }
        }
        assertThat(required).as(hint + "; required here because of " + required).isEmpty();
        Assumptions.abort(hint);
        return null;
    }
}
