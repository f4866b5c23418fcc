package org.secondopinion.specialist.directory;

/**
 * Directory search filters; null means "any". {@code state} finds specialists with a verified, unexpired licence
 * there. Only ACTIVE specialists are listed unless {@code includeInactive} (admins).
 */
public record SearchCriteria(String specialty, String state, String language, Boolean acceptingNewCases, String q,
                             boolean includeInactive) {
}
