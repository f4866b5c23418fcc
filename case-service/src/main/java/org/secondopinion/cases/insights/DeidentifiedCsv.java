package org.secondopinion.cases.insights;

import org.secondopinion.cases.insights.InsightQueries.ExportRow;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * De-identified outcome rows for research (issue 17): no names, contacts or free text (the read model holds none), no
 * case id or reference (each row gets a random id that means nothing outside this export), no exact dates (year and
 * month only; durations in whole days), ages over 89 as one group. Plain Java.
 */
public final class DeidentifiedCsv {

    public static final List<String> COLUMNS = List.of("row_id", "opinion_month", "specialty", "procedure_code",
            "urgency", "origin", "patient_state", "age", "days_to_opinion", "verdict", "decision", "followed_opinion",
            "plan_changed", "confidence_before", "confidence_after", "surgery_performed", "surgery_month");

    private final Supplier<UUID> randomIds;

    public DeidentifiedCsv(Supplier<UUID> randomIds) {
        this.randomIds = randomIds;
    }

    /** The header line and one line per row, each ending with CRLF (RFC 4180). */
    public String write(List<ExportRow> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (ExportRow row : rows) {
            csv.append(String.join(",", fields(row))).append("\r\n");
        }
        return csv.toString();
    }

    List<String> fields(ExportRow r) {
        List<String> f = new ArrayList<>();
        f.add(randomIds.get().toString());
        f.add(r.opinionDeliveredAt() == null ? "" : YearMonth.from(r.opinionDeliveredAt().atZone(ZoneOffset.UTC)).toString());
        f.add(code(r.specialty()));
        f.add(code(r.procedureCode()));
        f.add(code(r.urgency()));
        f.add(code(r.origin()));
        f.add(code(r.patientState()));
        f.add(age(r.patientAge()));
        f.add(r.turnaroundSeconds() == null ? "" : Long.toString(Duration.ofSeconds(r.turnaroundSeconds()).toDays()));
        f.add(code(r.verdict()));
        f.add(code(r.decision()));
        f.add(code(r.agreement()));
        f.add(r.planChanged() == null ? "" : r.planChanged().toString());
        f.add(r.confidenceBefore() == null ? "" : r.confidenceBefore().toString());
        f.add(r.confidenceAfter() == null ? "" : r.confidenceAfter().toString());
        f.add(r.surgeryPerformed() == null ? "" : r.surgeryPerformed().toString());
        f.add(r.surgeryMonth() == null ? "" : YearMonth.from(r.surgeryMonth()).toString());
        return f;
    }

    /** Ages over 89 are one group (HIPAA Safe Harbor). */
    static String age(Integer years) {
        return years == null ? "" : years > 89 ? "90+" : years.toString();
    }

    /** Codes only ever hold letters, digits, '.', '_' and '-'; anything else is dropped rather than quoted. */
    private static String code(String value) {
        return value == null ? "" : value.replaceAll("[^A-Za-z0-9._-]", "");
    }
}
