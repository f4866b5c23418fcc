package org.secondopinion.cases.consults;

import org.junit.jupiter.api.Test;
import org.secondopinion.cases.consults.Consult.CancelledBy;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsultTest {

    private static final Instant START = Instant.parse("2026-12-09T01:00:00Z");
    private static final Duration CUTOFF = Duration.ofHours(2);
    private static final Duration OPENS = Duration.ofMinutes(15);

    @Test
    void thePatientReschedulesUpToTheCutOffAndEachChangeRaisesTheSequence() {
        Consult c = booked();
        Slot later = new Slot(START.plusSeconds(3600), START.plusSeconds(5400));
        c.reschedule(later, START.minus(Duration.ofHours(3)), CUTOFF);
        assertThat(c.sequence).isEqualTo(1);
        assertThat(c.startsAt).isEqualTo(later.start());

        assertThatThrownBy(() -> c.reschedule(new Slot(START, START.plusSeconds(1800)),
                later.start().minus(Duration.ofMinutes(90)), CUTOFF)).isInstanceOf(StateConflictProblem.class);
        assertThatThrownBy(() -> c.cancel(CancelledBy.PATIENT, null, later.start().minus(Duration.ofMinutes(90)),
                CUTOFF)).isInstanceOf(StateConflictProblem.class);
    }

    @Test
    void theSpecialistMayCancelAfterTheCutOffUntilTheEnd() {
        Consult c = booked();
        c.cancel(CancelledBy.SPECIALIST, "called into surgery", START.minusSeconds(60), CUTOFF);
        assertThat(c.status).isEqualTo(ConsultStatus.CANCELLED);
        assertThat(c.sequence).isEqualTo(1);
        assertThatThrownBy(() -> c.cancel(CancelledBy.PATIENT, null, START.minus(Duration.ofDays(1)), CUTOFF))
                .isInstanceOf(StateConflictProblem.class);
    }

    @Test
    void theRoomIsOpenFromFifteenMinutesBeforeTheStartUntilTheEnd() {
        Consult c = booked();
        assertThat(c.joinable(START.minus(Duration.ofMinutes(16)), OPENS)).isFalse();
        assertThat(c.joinable(START.minus(Duration.ofMinutes(15)), OPENS)).isTrue();
        assertThat(c.joinable(c.endsAt.minusSeconds(1), OPENS)).isTrue();
        assertThat(c.joinable(c.endsAt, OPENS)).isFalse();
        c.cancel(CancelledBy.COORDINATOR, null, START.minus(Duration.ofDays(1)), CUTOFF);
        assertThat(c.joinable(START, OPENS)).isFalse();
    }

    @Test
    void completedOrNoShowOnlyOnceItHasStarted() {
        Consult c = booked();
        assertThatThrownBy(() -> c.complete("note", START.minusSeconds(1))).isInstanceOf(StateConflictProblem.class);
        c.complete("Discussed physiotherapy first.", START.plusSeconds(600));
        assertThat(c.status).isEqualTo(ConsultStatus.COMPLETED);
        assertThatThrownBy(() -> c.noShow(START.plusSeconds(700))).isInstanceOf(StateConflictProblem.class);

        Consult missed = booked();
        missed.noShow(START.plusSeconds(900));
        assertThat(missed.status).isEqualTo(ConsultStatus.NO_SHOW);
    }

    private static Consult booked() {
        return Consult.book(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "doc",
                new Slot(START, START.plus(Duration.ofMinutes(30))), "room", START.minus(Duration.ofDays(2)));
    }
}
