package org.secondopinion.specialist.profile;

import org.secondopinion.platform.problem.InvalidFieldProblem;

import java.util.List;

/**
 * Rules for a specialist's out-of-office periods, checked on the whole list a specialist sends. Problems name the
 * field as it was sent ({@code outOfOffice[1].to}), so a client can point at the offending row.
 */
public final class OutOfOfficeRules {

    static final String FIELD = "outOfOffice";

    private OutOfOfficeRules() {
    }

    /**
     * @throws InvalidFieldProblem when a period ends before it starts, or two periods share a day (a day is either
     *                             out of office or not; overlapping rows would only make edits ambiguous)
     */
    public static void requireValid(List<OutOfOfficePeriod> periods) {
        for (int i = 0; i < periods.size(); i++) {
            OutOfOfficePeriod period = periods.get(i);
            if (period.endsOn().isBefore(period.startsOn())) {
                throw new InvalidFieldProblem(FIELD + "[" + i + "].to", "must not be before from");
            }
        }
        for (int i = 0; i < periods.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (periods.get(i).overlaps(periods.get(j))) {
                    throw new InvalidFieldProblem(FIELD + "[" + i + "]", "overlaps " + FIELD + "[" + j + "] ("
                            + periods.get(j).startsOn() + " to " + periods.get(j).endsOn() + ")");
                }
            }
        }
    }
}
