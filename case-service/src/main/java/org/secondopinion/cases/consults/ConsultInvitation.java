package org.secondopinion.cases.consults;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The consult as an iCalendar invitation (RFC 5545) with the VTIMEZONE of the zone it is shown in. The UID stays
 * the consult's for its whole life and SEQUENCE grows with every reschedule or cancellation, so a calendar replaces
 * its entry instead of adding one. No link (it is valid only around the start), no clinical details.
 */
public final class ConsultInvitation {

    static final String PRODUCT = "-//Second Opinion//Live consults//EN";
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private ConsultInvitation() {
    }

    public static String uid(Consult consult) {
        return consult.id + "@consults.secondopinion";
    }

    /** @param caseReference the case's human reference (e.g. SO-2026-000123), shown in the title */
    public static String of(Consult consult, String caseReference, ZoneId zone, Instant now) {
        boolean cancelled = consult.status == ConsultStatus.CANCELLED;
        // UTC is written as UTC times (…Z), which need no VTIMEZONE; any other zone as local times with its TZID
        boolean utc = zone.normalized().equals(ZoneOffset.UTC);
        VEvent event = utc
                ? new VEvent(consult.startsAt, consult.endsAt, "Second Opinion video consult (" + caseReference + ")")
                : new VEvent(consult.startsAt.atZone(zone), consult.endsAt.atZone(zone),
                "Second Opinion video consult (" + caseReference + ")");
        event.replace(new DtStamp(now));
        event.add(new Uid(uid(consult)));
        event.add(new Sequence(consult.sequence));
        event.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        event.add(new Description("Open your case in the Second Opinion app; the video room opens 15 minutes "
                + "before the start."));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(cancelled ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        if (!utc) {
            calendar.add(ZONES.getTimeZone(zone.getId()).getVTimeZone());
        }
        calendar.add(event);
        return calendar.toString();
    }
}
