package org.secondopinion.specialist.profile;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.InvalidFieldProblem;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutOfOfficeRulesTest {

    private static final LocalDate JULY_1 = LocalDate.of(2026, 7, 1);

    @Test
    void separatePeriodsAndSingleDaysAreFine() {
        assertThatCode(() -> OutOfOfficeRules.requireValid(List.of(
                period(JULY_1, JULY_1.plusDays(13)),
                period(JULY_1.plusDays(14), JULY_1.plusDays(14)), // the day after the holiday: a one-day period
                period(JULY_1.minusMonths(2), JULY_1.minusMonths(2).plusDays(3)))))
                .doesNotThrowAnyException();
        assertThatCode(() -> OutOfOfficeRules.requireValid(List.of())).doesNotThrowAnyException();
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefusedNamingItsTo() {
        assertThatThrownBy(() -> OutOfOfficeRules.requireValid(List.of(
                period(JULY_1, JULY_1.plusDays(2)),
                period(JULY_1.plusDays(10), JULY_1.plusDays(9)))))
                .isInstanceOf(InvalidFieldProblem.class)
                .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("outOfOffice[1].to"));
    }

    @Test
    void overlappingPeriodsAreRefusedNamingTheLaterRow() {
        assertThatThrownBy(() -> OutOfOfficeRules.requireValid(List.of(
                period(JULY_1, JULY_1.plusDays(7)),
                period(JULY_1.plusMonths(1), JULY_1.plusMonths(1).plusDays(2)),
                period(JULY_1.plusDays(7), JULY_1.plusDays(9))))) // shares July 8 with the first
                .isInstanceOf(InvalidFieldProblem.class)
                .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("outOfOffice[2]"))
                .hasMessageContaining("outOfOffice[0]");
    }

    @Test
    void aPeriodInsideAnotherOverlapsIt() {
        assertThatThrownBy(() -> OutOfOfficeRules.requireValid(List.of(
                period(JULY_1.plusDays(3), JULY_1.plusDays(4)),
                period(JULY_1, JULY_1.plusDays(30)))))
                .isInstanceOf(InvalidFieldProblem.class)
                .satisfies(e -> assertThat(((InvalidFieldProblem) e).field()).isEqualTo("outOfOffice[1]"));
    }

    @Test
    void bothEndsOfAPeriodAreIncluded() {
        OutOfOfficePeriod holiday = period(JULY_1, JULY_1.plusDays(6));

        assertThat(holiday.includes(JULY_1)).isTrue();
        assertThat(holiday.includes(JULY_1.plusDays(6))).isTrue();
        assertThat(holiday.includes(JULY_1.minusDays(1))).isFalse();
        assertThat(holiday.includes(JULY_1.plusDays(7))).isFalse();
    }

    static OutOfOfficePeriod period(LocalDate from, LocalDate to) {
        return new OutOfOfficePeriod(from, to, null);
    }
}
