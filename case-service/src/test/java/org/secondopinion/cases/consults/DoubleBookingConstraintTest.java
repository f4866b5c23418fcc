package org.secondopinion.cases.consults;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.CaseApi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses a double booking, whatever the application checked before. */
@QuarkusTest
class DoubleBookingConstraintTest {

    @Inject
    ConsultRepository consults;

    @Test
    void twoBookedConsultsOfOneSpecialistCannotOverlapButCancelledOnesDoNotCount() {
        UUID specialist = UUID.randomUUID();
        UUID caseA = CaseApi.createSpineCase("constraint-a");
        UUID caseB = CaseApi.createSpineCase("constraint-b");
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        Consult first = consult(caseA, specialist, start);
        QuarkusTransaction.requiringNew().run(() -> consults.persistAndFlush(first));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                consults.persistAndFlush(consult(caseB, specialist, start.plus(Duration.ofMinutes(15))))))
                .isInstanceOf(PersistenceException.class)
                .hasStackTraceContaining("consult_no_double_booking");

        // back to back is fine, and a cancelled consult frees its time
        QuarkusTransaction.requiringNew().run(() ->
                consults.persistAndFlush(consult(caseB, specialist, start.plus(Duration.ofMinutes(30)))));
        Consult cancelled = consult(caseA, specialist, start);
        cancelled.status = ConsultStatus.CANCELLED;
        QuarkusTransaction.requiringNew().run(() -> consults.persistAndFlush(cancelled));
        assertThat(cancelled.id).isNotNull();
    }

    private static Consult consult(UUID caseId, UUID specialist, Instant start) {
        return Consult.book(UUID.randomUUID(), caseId, specialist, "doc",
                new Slot(start, start.plus(Duration.ofMinutes(30))), "so-consult-" + UUID.randomUUID(),
                Instant.now());
    }
}
