package org.secondopinion.cases.casefile;

import org.secondopinion.platform.problem.InvalidFieldProblem;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Filters of the case list (coordinators' queue; patients and specialists filter within what they may see).
 * Built from raw query strings so that a bad value is a 400 naming the parameter, not the framework's 404.
 */
public record CaseFilter(CaseStatus status, Urgency urgency, String specialty, LocalDate submittedFrom,
                         LocalDate submittedTo) {

    public static CaseFilter parse(String status, String urgency, String specialty, String submittedFrom,
                                   String submittedTo) {
        CaseFilter f = new CaseFilter(enumValue(CaseStatus.class, status, "status"),
                enumValue(Urgency.class, urgency, "urgency"),
                specialty == null || specialty.isBlank() ? null : specialty,
                date(submittedFrom, "submittedFrom"), date(submittedTo, "submittedTo"));
        if (f.submittedFrom != null && f.submittedTo != null && f.submittedTo.isBefore(f.submittedFrom)) {
            throw new InvalidFieldProblem("submittedTo", "must not be before submittedFrom");
        }
        return f;
    }

    /** Start of {@link #submittedFrom} (UTC), inclusive. */
    public java.time.Instant submittedFromInstant() {
        return submittedFrom == null ? null : submittedFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** End of {@link #submittedTo} (UTC): the day is included. */
    public java.time.Instant submittedBeforeInstant() {
        return submittedTo == null ? null : submittedTo.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldProblem(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldProblem(field, "must be a date such as 2026-11-25");
        }
    }
}
