package org.secondopinion.cases.insights;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.secondopinion.cases.casefile.Urgency;
import org.secondopinion.cases.insights.InsightDtos.Figure;
import org.secondopinion.cases.insights.InsightDtos.OutcomeInsights;
import org.secondopinion.cases.insights.InsightDtos.Turnaround;
import org.secondopinion.cases.insights.InsightQueries.Group;
import org.secondopinion.cases.insights.InsightQueries.Percentiles;
import org.secondopinion.cases.opinion.Verdict;
import org.secondopinion.cases.outcomes.Agreement;
import org.secondopinion.cases.outcomes.Decision;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Outcome figures for coordinators and admins, and for a partner clinic over its own referrals only: counts and
 * shares of verdicts, decisions, decisions that followed the opinion, changed plans, confidence before and after, and
 * time to opinion per urgency. Every count passes {@link SmallCells} before it leaves: each figure is a row of the
 * cases in the filter, rows share the same total and the same "no answer" cell, so hiding is consistent across them.
 */
@ApplicationScoped
public class InsightsService {

    static final String CASES = "cases";
    static final String NO_ANSWER = "NO_ANSWER";

    private final InsightQueries queries;
    private final InsightsConfig config;

    public InsightsService(InsightQueries queries, InsightsConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /** The filter as it applies to the caller: a clinic's is narrowed to its own referrals. */
    public static InsightFilter.Applied applied(InsightFilter f, CurrentUser user) {
        String clinic = null;
        if (!user.is(Roles.COORDINATOR) && !user.is(Roles.ADMIN)) {
            clinic = user.clinicId().orElseThrow(() -> new jakarta.ws.rs.ForbiddenException("no clinic in the token"));
        }
        return new InsightFilter.Applied(f.from, f.to, f.specialty, f.procedure, f.urgency, f.origin, clinic);
    }

    @Transactional
    public OutcomeInsights outcomes(InsightFilter.Applied filter) {
        List<Group> groups = queries.groups(filter);
        long total = groups.stream().mapToLong(Group::cases).sum();

        Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
        rows.put("verdict", count(groups, g -> g.verdict() == null ? NO_ANSWER : g.verdict(), names(Verdict.values())));
        rows.put("decision", count(groups, g -> answer(g.decision()), withNoAnswer(names(Decision.values()))));
        rows.put("agreement", count(groups, g -> answer(g.agreement()), withNoAnswer(names(Agreement.values()))));
        rows.put("planChanged", count(groups, g -> g.decision() == null ? NO_ANSWER : g.planChanged() ? "YES" : "NO",
                List.of("YES", "NO", NO_ANSWER)));
        rows.put("confidenceBefore", count(groups, g -> level(g.decision(), g.confidenceBefore()), levels()));
        rows.put("confidenceAfter", count(groups, g -> level(g.decision(), g.confidenceAfter()), levels()));
        rows.put("urgency", count(groups, Group::urgency, names(Urgency.values())));

        List<SmallCells.Row> forSuppression = new ArrayList<>();
        rows.forEach((row, cells) -> forSuppression.add(new SmallCells.Row(CASES, total, name(row, cells))));
        Set<String> hidden = new SmallCells(config.minimumCellSize()).suppressed(forSuppression);

        boolean totalShown = !hidden.contains(CASES);
        Figure cases = totalShown ? new Figure(total, total == 0 ? null : 1.0, false) : Figure.SUPPRESSED;
        Function<String, Map<String, Figure>> figures = row -> {
            Map<String, Figure> out = new LinkedHashMap<>();
            rows.get(row).forEach((value, n) -> out.put(value, hidden.contains(cellName(row, value))
                    ? Figure.SUPPRESSED : new Figure(n, totalShown && total > 0 ? (double) n / total : null, false)));
            return out;
        };

        Map<String, Percentiles> percentiles = new LinkedHashMap<>();
        queries.turnaround(filter).forEach(p -> percentiles.put(p.urgency(), p));
        Map<String, Figure> byUrgency = figures.apply("urgency");
        List<Turnaround> turnaround = new ArrayList<>();
        for (Urgency u : Urgency.values()) {
            Figure f = byUrgency.get(u.name());
            Percentiles p = percentiles.get(u.name());
            boolean show = !f.suppressed() && p != null;
            turnaround.add(new Turnaround(u, f, show ? hours(p.p50Seconds()) : null, show ? hours(p.p90Seconds()) : null,
                    (u == Urgency.URGENT ? config.turnaroundPromiseUrgent() : config.turnaroundPromiseRoutine())
                            .toMinutes() / 60.0));
        }
        return new OutcomeInsights(filter, config.minimumCellSize(), cases, figures.apply("verdict"),
                figures.apply("decision"), figures.apply("agreement"), figures.apply("planChanged"),
                figures.apply("confidenceBefore"), figures.apply("confidenceAfter"), turnaround);
    }

    private static Map<String, Long> count(List<Group> groups, Function<Group, String> key, List<String> values) {
        Map<String, Long> cells = new LinkedHashMap<>();
        values.forEach(v -> cells.put(v, 0L));
        groups.forEach(g -> cells.merge(key.apply(g), g.cases(), Long::sum));
        return cells;
    }

    /** Cell names for suppression: "no answer" is one quantity in every row that has it. */
    private static Map<String, Long> name(String row, Map<String, Long> cells) {
        Map<String, Long> named = new LinkedHashMap<>();
        cells.forEach((value, n) -> named.put(cellName(row, value), n));
        return named;
    }

    private static String cellName(String row, String value) {
        return NO_ANSWER.equals(value) && !row.equals("verdict") ? NO_ANSWER : row + ":" + value;
    }

    private static String answer(String value) {
        return value == null ? NO_ANSWER : value;
    }

    private static String level(String decision, Integer confidence) {
        return decision == null || confidence == null ? NO_ANSWER : confidence.toString();
    }

    private static List<String> levels() {
        return List.of("1", "2", "3", "4", "5", NO_ANSWER);
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> withNoAnswer(List<String> values) {
        List<String> all = new ArrayList<>(values);
        all.add(NO_ANSWER);
        return all;
    }

    private static double hours(double seconds) {
        return Math.round(seconds / 360.0) / 10.0;
    }
}
