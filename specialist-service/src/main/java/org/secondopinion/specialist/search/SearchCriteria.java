package org.secondopinion.specialist.search;

/**
 * Directory search filters; null means "any". {@code state} finds specialists with a verified, unexpired licence
 * there. {@code q} is free text: it matches a name containing it, the NPI, or all its words (web-search syntax:
 * quotes, {@code or}, {@code -word}) among name, subspecialties, procedure codes and bio. Only ACTIVE specialists
 * are listed unless {@code includeInactive} (admins).
 */
public record SearchCriteria(String specialty, String subspecialty, String state, String language,
                             Boolean acceptingNewCases, String q, boolean includeInactive, SearchSort sort) {

    public SearchCriteria {
        sort = sort == null ? SearchSort.NAME : sort;
    }

    /** In name order. */
    public SearchCriteria(String specialty, String subspecialty, String state, String language,
                          Boolean acceptingNewCases, String q, boolean includeInactive) {
        this(specialty, subspecialty, state, language, acceptingNewCases, q, includeInactive, SearchSort.NAME);
    }
}
