package org.secondopinion.cases.consults;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.consults.Consult.CancelledBy;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConsultInvitationTest {

    private static final Instant START = Instant.parse("2026-12-09T01:00:00Z"); // Tuesday 17:00 in Los Angeles
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void anInvitationCarriesTheLocalTimeWithItsTimeZoneDefinition() throws Exception {
        Consult consult = consult();
        String ics = ConsultInvitation.of(consult, "SO-2026-000123", LOS_ANGELES, START.minus(Duration.ofDays(2)));

        assertThat(ics).contains("BEGIN:VTIMEZONE", "TZID:America/Los_Angeles",
                "DTSTART;TZID=America/Los_Angeles:20261208T170000", "DTEND;TZID=America/Los_Angeles:20261208T173000",
                "METHOD:REQUEST", "STATUS:CONFIRMED", "SEQUENCE:0", "UID:" + consult.id + "@consults.secondopinion",
                "SO-2026-000123").doesNotContain("so-consult-room");
        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        VEvent event = parsed.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(event.getProperty("UID").orElseThrow().getValue()).isEqualTo(ConsultInvitation.uid(consult));
        assertThat(parsed.getComponent("VTIMEZONE")).isPresent();
    }

    @Test
    void inUtcTheTimesAreUtcAndNeedNoTimeZoneDefinition() {
        String ics = ConsultInvitation.of(consult(), "SO-1", ZoneId.of("UTC"), START.minus(Duration.ofDays(2)));

        assertThat(ics).contains("DTSTART:20261209T010000Z", "DTEND:20261209T013000Z")
                .doesNotContain("VTIMEZONE", "TZID");
    }

    @Test
    void aRescheduleOrCancellationKeepsTheUidAndRaisesTheSequence() {
        Consult consult = consult();
        String booked = ConsultInvitation.of(consult, "SO-1", LOS_ANGELES, START.minus(Duration.ofDays(2)));
        consult.reschedule(new Slot(START.plus(Duration.ofDays(7)), START.plus(Duration.ofDays(7).plusMinutes(30))),
                START.minus(Duration.ofDays(1)), Duration.ofHours(2));
        String moved = ConsultInvitation.of(consult, "SO-1", ZoneId.of("America/New_York"),
                START.minus(Duration.ofDays(1)));
        consult.cancel(CancelledBy.PATIENT, null, START, Duration.ofHours(2));
        String cancelled = ConsultInvitation.of(consult, "SO-1", LOS_ANGELES, START);

        String uid = "UID:" + ConsultInvitation.uid(consult);
        assertThat(booked).contains(uid, "SEQUENCE:0");
        assertThat(moved).contains(uid, "SEQUENCE:1", "DTSTART;TZID=America/New_York:20261215T200000",
                "TZID:America/New_York");
        assertThat(cancelled).contains(uid, "SEQUENCE:2", "METHOD:CANCEL", "STATUS:CANCELLED");
    }

    private static Consult consult() {
        return Consult.book(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "doc",
                new Slot(START, START.plus(Duration.ofMinutes(30))), "so-consult-room", START.minus(Duration.ofDays(3)));
    }
}
