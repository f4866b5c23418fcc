package org.secondopinion.cases.consults;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A live consult of a case's patient with its assigned specialist. Its rules are plain methods taking the time, so a
 * unit test drives them with {@code new}. Double booking is refused by the database (consult_no_double_booking).
 */
@Entity
@Table(name = "consult")
public class Consult {

    /** SYSTEM: the case was reassigned to another specialist or withdrawn. */
    public enum CancelledBy { PATIENT, SPECIALIST, COORDINATOR, SYSTEM }

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(name = "specialist_id", nullable = false)
    public UUID specialistId;

    @Column(name = "specialist_user_id", nullable = false)
    public String specialistUserId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsultStatus status;

    /** iCalendar SEQUENCE of the invitation: +1 per reschedule or cancellation (the UID stays). */
    @Column(nullable = false)
    public int sequence;

    @Column(name = "room_name", nullable = false)
    public String roomName;

    public String note;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancelled_by")
    public CancelledBy cancelledBy;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "booked_at", nullable = false)
    public Instant bookedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    protected Consult() {
    }

    public static Consult book(UUID id, UUID caseId, UUID specialistId, String specialistUserId, Slot slot,
                               String roomName, Instant now) {
        Consult c = new Consult();
        c.id = id;
        c.caseId = caseId;
        c.specialistId = specialistId;
        c.specialistUserId = specialistUserId;
        c.startsAt = slot.start();
        c.endsAt = slot.end();
        c.status = ConsultStatus.BOOKED;
        c.roomName = roomName;
        c.bookedAt = now;
        c.updatedAt = now;
        return c;
    }

    /** The patient moves it, up to {@code cutoff} before the start. */
    public void reschedule(Slot slot, Instant now, Duration cutoff) {
        requirePatientMayChange(now, cutoff);
        startsAt = slot.start();
        endsAt = slot.end();
        sequence++;
        updatedAt = now;
    }

    /**
     * The patient cancels up to {@code cutoff} before the start; the specialist or a coordinator any time before
     * it ends, the platform ({@code SYSTEM}) likewise when the case leaves the specialist (the patient is told and
     * may book again).
     */
    public void cancel(CancelledBy by, String reason, Instant now, Duration cutoff) {
        if (by == CancelledBy.PATIENT) {
            requirePatientMayChange(now, cutoff);
        } else {
            requireBooked("cancelled");
            if (!now.isBefore(endsAt)) {
                throw new StateConflictProblem("the consult is over; mark it completed or no-show", status.name());
            }
        }
        status = ConsultStatus.CANCELLED;
        cancelledBy = by;
        cancelReason = reason;
        sequence++;
        updatedAt = now;
    }

    /** The specialist closes it with a consult note, once it has started. */
    public void complete(String note, Instant now) {
        requireStarted(now, "completed");
        this.note = note;
        status = ConsultStatus.COMPLETED;
        updatedAt = now;
    }

    /** The patient did not come; once it has started. */
    public void noShow(Instant now) {
        requireStarted(now, "marked no-show");
        status = ConsultStatus.NO_SHOW;
        updatedAt = now;
    }

    /** From {@code opensBefore} before the start until the end, while booked. */
    public boolean joinable(Instant now, Duration opensBefore) {
        return status == ConsultStatus.BOOKED && !now.isBefore(startsAt.minus(opensBefore)) && now.isBefore(endsAt);
    }

    public Slot slot() {
        return new Slot(startsAt, endsAt);
    }

    /** Still BOOKED (409 naming the state otherwise) and before the patient's cut-off. */
    void requirePatientMayChange(Instant now, Duration cutoff) {
        requireBooked("changed");
        if (now.isAfter(startsAt.minus(cutoff))) {
            throw new StateConflictProblem("a consult can be changed up to " + cutoff.toMinutes()
                    + " minutes before it starts", status.name());
        }
    }

    private void requireStarted(Instant now, String what) {
        requireBooked(what);
        if (now.isBefore(startsAt)) {
            throw new StateConflictProblem("a consult can be " + what + " once it has started", status.name());
        }
    }

    private void requireBooked(String what) {
        if (status != ConsultStatus.BOOKED) {
            throw new StateConflictProblem("a " + status + " consult cannot be " + what, status.name());
        }
    }
}
