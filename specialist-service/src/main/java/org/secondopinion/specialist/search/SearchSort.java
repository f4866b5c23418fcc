package org.secondopinion.specialist.search;

import org.secondopinion.platform.problem.InvalidFieldProblem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The orders a directory search offers ({@code sort=}); each ends in name and id, so pages never overlap. Only these
 * fixed ORDER BY clauses reach SQL: the caller picks one by name.
 */
public enum SearchSort {
    /** Family name, then given name (the default). */
    NAME(""),
    /** Best average rating first; the not yet rated last. */
    RATING("CASE WHEN s.rating_count = 0 THEN NULL ELSE CAST(s.rating_sum AS float8) / s.rating_count END DESC NULLS LAST, "),
    /** Quickest typical turnaround first. */
    TURNAROUND("s.turnaround_hours, "),
    /** Most years in practice first. */
    EXPERIENCE("s.years_in_practice DESC NULLS LAST, ");

    private static final String BY_NAME = "lower(s.family_name), lower(s.given_name), s.id";

    private final String leading;

    SearchSort(String leading) {
        this.leading = leading;
    }

    String orderBy() {
        return leading + BY_NAME;
    }

    /** {@code null} is the default; anything unknown is a 400 naming {@code sort}. */
    public static SearchSort parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return NAME;
        }
        try {
            return valueOf(sort.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldProblem("sort", "must be one of " + Arrays.stream(values())
                    .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
