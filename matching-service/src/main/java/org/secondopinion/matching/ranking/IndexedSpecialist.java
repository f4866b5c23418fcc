package org.secondopinion.matching.ranking;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One specialist as the bucketed directory holds them: the facts plus everything the hard constraints compare,
 * normalised once when the projection row is read, so that ranking a case never upper-cases or trims a string.
 */
public final class IndexedSpecialist {

    final SpecialistFacts facts;
    final long version;
    /** INACTIVE or NOT_ACCEPTING_NEW_CASES when the first two constraints already fail, else null ("open"). */
    final Exclusion gate;
    final Set<String> specialtyKeys;
    final Set<String> stateKeys;
    /** Trimmed affiliation keys, compared with the recommending surgeon's institution. */
    final String[] affiliationKeys;
    final Set<String> languageKeys;
    /** Out-of-office periods as epoch days, {from, to} pairs: a ranking compares numbers, not dates. */
    private final long[] awayDays;

    private IndexedSpecialist(SpecialistFacts facts, long version) {
        this.facts = facts;
        this.version = version;
        this.gate = !Ranker.ACTIVE.equalsIgnoreCase(facts.status()) ? Exclusion.INACTIVE
                : !facts.acceptingNewCases() ? Exclusion.NOT_ACCEPTING_NEW_CASES : null;
        this.specialtyKeys = keys(facts.certifiedSpecialties(), false);
        this.stateKeys = keys(facts.licensedStates(), false);
        this.affiliationKeys = keys(facts.affiliations(), true).toArray(String[]::new);
        this.languageKeys = keys(facts.languages(), false);
        this.awayDays = new long[facts.outOfOffice().size() * 2];
        for (int i = 0; i < facts.outOfOffice().size(); i++) {
            awayDays[2 * i] = facts.outOfOffice().get(i).from().toEpochDay();
            awayDays[2 * i + 1] = facts.outOfOffice().get(i).to().toEpochDay();
        }
    }

    /** @param version the directory snapshot's version: an older one never replaces a newer one */
    public static IndexedSpecialist of(long version, SpecialistFacts facts) {
        return new IndexedSpecialist(facts, version);
    }

    public UUID id() {
        return facts.id();
    }

    public SpecialistFacts facts() {
        return facts;
    }

    public long version() {
        return version;
    }

    /** Bucketed: hard constraints 1–4 all pass for (specialty, state), so only constraints 5–9 remain to check. */
    boolean open() {
        return gate == null;
    }

    /** {@link SpecialistFacts#outOfOfficeOn} for the day given as {@link java.time.LocalDate#toEpochDay()}. */
    boolean outOfOfficeOn(long epochDay) {
        for (int i = 0; i < awayDays.length; i += 2) {
            if (epochDay >= awayDays[i] && epochDay <= awayDays[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> keys(List<String> values, boolean trim) {
        Set<String> keys = new HashSet<>();
        for (String value : values) {
            keys.add(key(trim ? value.trim() : value));
        }
        return Set.copyOf(keys);
    }

    /**
     * A case-insensitive key: {@code key(a).equals(key(b))} exactly when {@code a.equalsIgnoreCase(b)}. That method
     * treats two code points as equal when they are equal, their upper cases are, or the lower cases of those are;
     * mapping each code point to lower(upper(cp)) gives equal keys in exactly those cases. (A plain
     * {@code toUpperCase(Locale.ROOT)} would not: it turns "ß" into "SS", which equalsIgnoreCase never matches.)
     * Codes are ASCII in practice, where this is simply lower-casing A–Z.
     */
    public static String key(String value) {
        if (value == null) {
            return null;
        }
        char[] chars = value.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                StringBuilder key = new StringBuilder(value.length());
                value.codePoints().forEach(cp -> key.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
                return key.toString();
            }
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
