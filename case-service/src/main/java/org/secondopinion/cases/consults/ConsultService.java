package org.secondopinion.cases.consults;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.cases.casefile.CaseLookup;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.cases.casefile.SpecialistReleased;
import org.secondopinion.cases.consults.Consult.CancelledBy;
import org.secondopinion.cases.consults.ConsultDtos.BookRequest;
import org.secondopinion.cases.consults.ConsultDtos.CompleteRequest;
import org.secondopinion.cases.consults.ConsultDtos.JoinView;
import org.secondopinion.cases.consults.ConsultDtos.SlotView;
import org.secondopinion.cases.consults.ConsultDtos.SlotsView;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.ConsultBooked;
import org.secondopinion.platform.events.catalog.ConsultCancelled;
import org.secondopinion.platform.events.catalog.ConsultCompleted;
import org.secondopinion.platform.events.catalog.ConsultRescheduled;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.platform.quota.Quotas;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Live consults of a case (issue 16): slots from the assigned specialist's availability, booking, reschedule,
 * cancel, the visit's join link, completion. Only the case's patient, its assigned specialist and coordinators see a
 * consult (others: 404, through {@link CaseLookup}).
 */
@ApplicationScoped
public class ConsultService {

    /** Booking is open once a specialist is assigned, during the review and after the opinion (a follow-up). */
    static final Set<CaseStatus> BOOKABLE = EnumSet.of(CaseStatus.ASSIGNED, CaseStatus.IN_REVIEW,
            CaseStatus.AWAITING_INFORMATION, CaseStatus.OPINION_DELIVERED);
    private static final String NO_DOUBLE_BOOKING = "consult_no_double_booking";
    private static final String ONE_PER_CASE = "consult_one_booked_per_case";
    /** Bookings per case per window (book, cancel, book again reserves a specialist's slot each time). */
    static final String CONSULT_BOOKINGS = "consult-bookings";

    private final CaseLookup lookup;
    private final ConsultRepository consults;
    private final AvailabilityProjection availability;
    private final VideoRooms rooms;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final MeterRegistry metrics;
    private final ConsultsConfig config;
    private final Quotas quotas;
    private final Clock clock;

    public ConsultService(CaseLookup lookup, ConsultRepository consults, AvailabilityProjection availability,
                          VideoRooms rooms, Outbox outbox, AccessLog accessLog, MeterRegistry metrics,
                          ConsultsConfig config, Quotas quotas, Clock clock) {
        this.lookup = lookup;
        this.consults = consults;
        this.availability = availability;
        this.rooms = rooms;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.config = config;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** The assigned specialist's free slots for the horizon, shown in {@code zone}. */
    @Transactional
    public SlotsView slots(UUID caseId, CurrentUser user, ZoneId zone) {
        PatientCase c = lookup.readable(caseId, user);
        requireBookable(c);
        SpecialistAvailabilityChanged a = availabilityOf(c);
        List<SlotView> slots = free(a, c.assignedSpecialistId(), clock.instant(), null).stream()
                .map(s -> new SlotView(s.start().atZone(zone).toOffsetDateTime(),
                        s.end().atZone(zone).toOffsetDateTime()))
                .toList();
        return new SlotsView(zone.getId(), c.assignedSpecialistId(), a.slotMinutes(), slots);
    }

    @Transactional
    public List<Consult> list(UUID caseId, CurrentUser user) {
        lookup.readable(caseId, user);
        return consults.ofCase(caseId);
    }

    @Transactional
    public Consult get(UUID caseId, UUID consultId, CurrentUser user) {
        lookup.readable(caseId, user);
        Consult consult = find(caseId, consultId);
        if (consult.note != null) {
            accessLog.record(caseId, user, "READ", "CONSULT_NOTE", consultId);
        }
        return consult;
    }

    /** The patient books a free slot. Two patients racing for it: the database lets one in, the other gets 409. */
    @Transactional
    public Consult book(UUID caseId, CurrentUser user, @NotNull @Valid BookRequest request) {
        PatientCase c = lookup.ownedBy(caseId, user);
        requireBookable(c);
        if (consults.hasBooked(caseId)) {
            throw new StateConflictProblem("the case already has an upcoming consult; reschedule or cancel it",
                    ConsultStatus.BOOKED.name());
        }
        quotas.spend(CONSULT_BOOKINGS, caseId.toString());
        Instant now = clock.instant();
        Slot slot = requireFree(availabilityOf(c), c.assignedSpecialistId(), request.startsAt().toInstant(), now,
                null);
        Consult consult = Consult.book(Ids.newId(), caseId, c.assignedSpecialistId(),
                c.assignedSpecialistUserId(), slot, rooms.newRoomName(), now);
        insertGuarded(() -> consults.persistAndFlush(consult));
        accessLog.record(caseId, user, "BOOK", "CONSULT", consult.id);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CONSULT_BOOKED, caseId, new ConsultBooked(consult.id, caseId,
                c.reference, c.patientId, consult.specialistId, consult.specialistUserId, consult.startsAt,
                consult.endsAt, consult.sequence, now));
        metrics.counter("consults.booked").increment();
        metrics.timer("consults.lead.time").record(Duration.between(now, consult.startsAt));
        return consult;
    }

    /** The patient moves the consult to another free slot, up to the cut-off. */
    @Transactional
    public Consult reschedule(UUID caseId, UUID consultId, CurrentUser user, @NotNull @Valid BookRequest request) {
        PatientCase c = lookup.ownedBy(caseId, user);
        Consult consult = find(caseId, consultId);
        Instant now = clock.instant();
        Instant previous = consult.startsAt;
        consult.requirePatientMayChange(now, config.changeCutoff()); // a cancelled consult: 409 before any slot
        Slot slot = requireFree(availabilityOf(c), consult.specialistId, request.startsAt().toInstant(), now,
                consult.id);
        consult.reschedule(slot, now, config.changeCutoff());
        insertGuarded(consults::flush);
        accessLog.record(caseId, user, "RESCHEDULE", "CONSULT", consult.id);
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CONSULT_RESCHEDULED, caseId, new ConsultRescheduled(consult.id,
                caseId, c.reference, c.patientId, consult.specialistId, consult.specialistUserId, consult.startsAt,
                consult.endsAt, previous, consult.sequence, now));
        return consult;
    }

    /**
     * The patient (up to the cut-off), the assigned specialist (with a reason the patient reads) or a coordinator
     * cancels; the patient may book again.
     */
    @Transactional
    public Consult cancel(UUID caseId, UUID consultId, CurrentUser user, String reason) {
        PatientCase c = lookup.readable(caseId, user);
        Consult consult = find(caseId, consultId);
        CancelledBy by;
        if (user.is(Roles.PATIENT) && user.id().equals(c.patientId)) {
            by = CancelledBy.PATIENT;
        } else if (user.is(Roles.SPECIALIST) && user.id().equals(consult.specialistUserId)) {
            by = CancelledBy.SPECIALIST;
            if (reason == null || reason.isBlank()) {
                throw new InvalidFieldProblem("reason", "the patient is told why: give a reason");
            }
        } else if (user.is(Roles.COORDINATOR)) {
            by = CancelledBy.COORDINATOR;
        } else {
            throw new NotFoundProblem("consult", consultId);
        }
        cancelled(c, consult, by, reason);
        accessLog.record(caseId, user, "CANCEL", "CONSULT", consult.id);
        return consult;
    }

    /**
     * The case left the specialist (reassigned or withdrawn), in that transaction: the upcoming consult with them is
     * cancelled by the platform ({@code SYSTEM}), both are told and the reminders voided through
     * {@code consult.cancelled}; the patient may book with the new specialist. A consult already over is left for
     * the specialist to close.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void onSpecialistReleased(@Observes SpecialistReleased released) {
        Instant now = clock.instant();
        PatientCase c = released.patientCase();
        consults.ofCase(c.id).stream()
                .filter(consult -> consult.status == ConsultStatus.BOOKED)
                .filter(consult -> consult.specialistId.equals(released.specialistId()))
                .filter(consult -> now.isBefore(consult.endsAt))
                .forEach(consult -> cancelled(c, consult, CancelledBy.SYSTEM, released.why()));
    }

    private void cancelled(PatientCase c, Consult consult, CancelledBy by, String reason) {
        Instant now = clock.instant();
        consult.cancel(by, reason, now, config.changeCutoff());
        consults.flush();
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CONSULT_CANCELLED, c.id, new ConsultCancelled(consult.id,
                c.id, c.reference, c.patientId, consult.specialistId, consult.specialistUserId, consult.startsAt,
                by.name(), consult.sequence, now));
        metrics.counter("consults.cancelled", "by", by.name()).increment();
    }

    /** The assigned specialist closes the consult with a note (part of the case record). */
    @Transactional
    public Consult complete(UUID caseId, UUID consultId, CurrentUser user, @NotNull @Valid CompleteRequest request) {
        PatientCase c = lookup.assignedTo(caseId, user);
        Consult consult = ownConsult(caseId, consultId, user);
        Instant now = clock.instant();
        consult.complete(request.note().strip(), now);
        accessLog.record(caseId, user, "WRITE", "CONSULT_NOTE", consult.id);
        finished(c, consult, now);
        metrics.counter("consults.completed").increment();
        return consult;
    }

    @Transactional
    public Consult noShow(UUID caseId, UUID consultId, CurrentUser user) {
        PatientCase c = lookup.assignedTo(caseId, user);
        Consult consult = ownConsult(caseId, consultId, user);
        Instant now = clock.instant();
        consult.noShow(now);
        finished(c, consult, now);
        metrics.counter("consults.no.show").increment();
        return consult;
    }

    /**
     * The video link, for the two participants only, from {@code joinOpensBefore} before the start until the end.
     * A coordinator sees the consult but never gets its link.
     */
    @Transactional
    public JoinView join(UUID caseId, UUID consultId, CurrentUser user) {
        PatientCase c = lookup.readable(caseId, user);
        Consult consult = find(caseId, consultId);
        boolean patient = user.is(Roles.PATIENT) && user.id().equals(c.patientId);
        boolean specialist = user.is(Roles.SPECIALIST) && user.id().equals(consult.specialistUserId);
        if (!patient && !specialist) {
            throw new jakarta.ws.rs.ForbiddenException("only the patient and the specialist join a consult");
        }
        Instant now = clock.instant();
        if (!consult.joinable(now, config.joinOpensBefore())) {
            throw new StateConflictProblem("the room opens " + config.joinOpensBefore().toMinutes()
                    + " minutes before the start and closes at the end", consult.status.name());
        }
        VideoRooms.JoinLink link = rooms.join(consult.roomName, user.id(), specialist,
                consult.startsAt.minus(config.joinOpensBefore()), consult.endsAt);
        accessLog.record(caseId, user, "JOIN", "CONSULT", consult.id);
        return new JoinView(link.url(), link.token(), link.validFrom(), link.validTo());
    }

    /**
     * The consult's calendar invitation, in {@code zone} or else the specialist's own zone. The same UID for the
     * consult's whole life, SEQUENCE raised by every reschedule or cancellation.
     */
    @Transactional
    public String invitation(UUID caseId, UUID consultId, CurrentUser user, ZoneId zone) {
        PatientCase c = lookup.readable(caseId, user);
        Consult consult = find(caseId, consultId);
        ZoneId shownIn = zone != null ? zone : availability.find(consult.specialistId)
                .map(a -> ZoneId.of(a.timeZone())).orElse(ZoneId.of("UTC"));
        return ConsultInvitation.of(consult, c.reference, shownIn, clock.instant());
    }

    public Duration joinOpensBefore() {
        return config.joinOpensBefore();
    }

    private void finished(PatientCase c, Consult consult, Instant now) {
        outbox.publish(Topics.CASE_EVENTS, EventTypes.CONSULT_COMPLETED, c.id, new ConsultCompleted(consult.id, c.id,
                c.reference, c.patientId, consult.specialistId, consult.specialistUserId, consult.status.name(), now));
    }

    private Consult ownConsult(UUID caseId, UUID consultId, CurrentUser user) {
        Consult consult = find(caseId, consultId);
        if (!user.id().equals(consult.specialistUserId)) {
            throw new NotFoundProblem("consult", consultId); // a consult with the case's previous specialist
        }
        return consult;
    }

    private Consult find(UUID caseId, UUID consultId) {
        return consults.find(caseId, consultId).orElseThrow(() -> new NotFoundProblem("consult", consultId));
    }

    private static void requireBookable(PatientCase c) {
        if (!BOOKABLE.contains(c.status()) || c.assignedSpecialistId() == null) {
            throw new StateConflictProblem("consults are booked once a specialist is assigned", c.status().name());
        }
    }

    private SpecialistAvailabilityChanged availabilityOf(PatientCase c) {
        return availability.find(c.assignedSpecialistId()).orElseThrow(() -> new StateConflictProblem(
                "the specialist has not published consult availability yet", c.status().name()));
    }

    private List<Slot> free(SpecialistAvailabilityChanged a, UUID specialistId, Instant now, UUID except) {
        Instant from = now.plus(config.minimumNotice());
        Instant to = now.plus(config.horizon());
        return SlotCalculator.freeSlots(a, from, to, consults.bookedOf(specialistId, from.minus(Duration.ofDays(1)),
                to.plus(Duration.ofDays(1)), except));
    }

    private Slot requireFree(SpecialistAvailabilityChanged a, UUID specialistId, Instant start, Instant now,
                             UUID except) {
        Instant from = now.plus(config.minimumNotice());
        Instant to = now.plus(config.horizon());
        Slot offered = SlotCalculator.slots(a, from, to).stream().filter(s -> s.start().equals(start)).findFirst()
                .orElseThrow(() -> new InvalidFieldProblem("startsAt", "is not one of the specialist's slots between "
                        + config.minimumNotice().toHours() + " hours and " + config.horizon().toDays()
                        + " days from now"));
        if (free(a, specialistId, now, except).stream().noneMatch(s -> s.equals(offered))) {
            throw new StateConflictProblem("the slot is taken; choose another", "TAKEN");
        }
        return offered;
    }

    /** The database's verdict on a booking: double booking or a second upcoming consult is a 409. */
    private static void insertGuarded(Runnable write) {
        try {
            write.run();
        } catch (PersistenceException e) {
            String constraint = violatedConstraint(e);
            if (constraint.contains(NO_DOUBLE_BOOKING)) {
                throw new StateConflictProblem("the slot was just taken; choose another", "TAKEN");
            }
            if (constraint.contains(ONE_PER_CASE)) {
                throw new StateConflictProblem("the case already has an upcoming consult",
                        ConsultStatus.BOOKED.name());
            }
            throw e;
        }
    }

    private static String violatedConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                    && cve.getConstraintName() != null) {
                return cve.getConstraintName();
            }
            if (t instanceof SQLException sql && sql.getMessage() != null) {
                // 23P01 exclusion_violation, 23505 unique_violation: PostgreSQL names the constraint in the message
                if ("23P01".equals(sql.getSQLState()) || "23505".equals(sql.getSQLState())) {
                    return sql.getMessage();
                }
            }
        }
        return "";
    }
}
