package org.secondopinion.cases.insights;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the insights read model ({@code outcome_insight}, one row per case with a delivered opinion, kept up to date
 * by the writes themselves): counts grouped by what the figures show, and turnaround percentiles per urgency. Never
 * the cases themselves.
 */
@ApplicationScoped
public class InsightQueries {

    /** One group of cases alike in everything the figures count. */
    public record Group(String verdict, String decision, String agreement, Boolean planChanged, Integer confidenceBefore,
                        Integer confidenceAfter, String urgency, long cases) {
    }

    /** Turnaround percentiles, in seconds, of one urgency. */
    public record Percentiles(String urgency, double p50Seconds, double p90Seconds) {
    }

    /** One de-identifiable row of the export, still holding the raw values (de-identified by the exporter). */
    public record ExportRow(java.util.UUID caseId, String specialty, String procedureCode, String urgency, String origin,
                            String patientState, Integer patientAge, Instant opinionDeliveredAt, Long turnaroundSeconds,
                            String verdict, String decision, String agreement, Boolean planChanged,
                            Integer confidenceBefore, Integer confidenceAfter, Boolean surgeryPerformed,
                            java.time.LocalDate surgeryMonth) {
    }

    private final EntityManager em;

    public InsightQueries(EntityManager em) {
        this.em = em;
    }

    public List<Group> groups(InsightFilter.Applied filter) {
        Where where = where(filter);
        Query q = em.createNativeQuery("SELECT verdict, decision, agreement, plan_changed, confidence_before, "
                + "confidence_after, urgency, count(*) FROM outcome_insight" + where.sql
                + " GROUP BY verdict, decision, agreement, plan_changed, confidence_before, confidence_after, urgency");
        where.bind(q);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Group((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3],
                integer(r[4]), integer(r[5]), (String) r[6], ((Number) r[7]).longValue())).toList();
    }

    /**
     * Turnaround percentiles per urgency from a histogram of 6-minute buckets (the 0.1 h the figures show), counted by
     * PostgreSQL in one hash aggregate. {@code percentile_cont} sorted every row instead: at 1,000,000 cases the sort
     * spilled to disk and took 1.5 s of the request (benchmarks/run insights); the histogram holds a few thousand
     * buckets whatever the number of cases.
     */
    public List<Percentiles> turnaround(InsightFilter.Applied filter) {
        Where where = where(filter);
        Query q = em.createNativeQuery("SELECT urgency, turnaround_seconds / " + TurnaroundHistogram.BUCKET_SECONDS
                + ", count(*) FROM outcome_insight" + where.sql + (where.sql.isEmpty() ? " WHERE" : " AND")
                + " turnaround_seconds IS NOT NULL GROUP BY 1, 2");
        where.bind(q);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        Map<String, TurnaroundHistogram> histograms = new LinkedHashMap<>();
        for (Object[] r : rows) {
            histograms.computeIfAbsent((String) r[0], urgency -> new TurnaroundHistogram())
                    .add(((Number) r[1]).longValue(), ((Number) r[2]).longValue());
        }
        return histograms.entrySet().stream().map(e -> new Percentiles(e.getKey(),
                e.getValue().percentileSeconds(0.5), e.getValue().percentileSeconds(0.9))).toList();
    }

    public List<ExportRow> export(InsightFilter.Applied filter) {
        Where where = where(filter);
        Query q = em.createNativeQuery("SELECT case_id, specialty, procedure_code, urgency, origin, patient_state, "
                + "patient_age, opinion_delivered_at, turnaround_seconds, verdict, decision, agreement, plan_changed, "
                + "confidence_before, confidence_after, surgery_performed, surgery_month FROM outcome_insight"
                + where.sql + " ORDER BY random()");
        where.bind(q);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new ExportRow((java.util.UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], integer(r[6]), instant(r[7]),
                r[8] == null ? null : ((Number) r[8]).longValue(), (String) r[9], (String) r[10], (String) r[11],
                (Boolean) r[12], integer(r[13]), integer(r[14]), (Boolean) r[15], date(r[16]))).toList();
    }

    private record Where(String sql, Map<String, Object> params) {
        void bind(Query q) {
            params.forEach(q::setParameter);
        }
    }

    private static Where where(InsightFilter.Applied f) {
        StringBuilder sql = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.from() != null) {
            add(sql, "opinion_delivered_at >= :from");
            params.put("from", f.from().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (f.to() != null) {
            add(sql, "opinion_delivered_at < :to");
            params.put("to", f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (f.specialty() != null) {
            add(sql, "specialty = :specialty");
            params.put("specialty", f.specialty());
        }
        if (f.procedure() != null) {
            add(sql, "procedure_code = :procedure");
            params.put("procedure", f.procedure());
        }
        if (f.urgency() != null) {
            add(sql, "urgency = :urgency");
            params.put("urgency", f.urgency().name());
        }
        if (f.origin() != null) {
            add(sql, "origin = :origin");
            params.put("origin", f.origin().name());
        }
        if (f.clinicId() != null) {
            add(sql, "clinic_id = :clinic");
            params.put("clinic", f.clinicId());
        }
        return new Where(sql.toString(), params);
    }

    private static void add(StringBuilder sql, String condition) {
        sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static Instant instant(Object o) {
        return o == null ? null : o instanceof Instant i ? i : o instanceof java.time.OffsetDateTime t ? t.toInstant()
                : ((java.sql.Timestamp) o).toInstant();
    }

    private static java.time.LocalDate date(Object o) {
        return o == null ? null : o instanceof java.time.LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }
}
