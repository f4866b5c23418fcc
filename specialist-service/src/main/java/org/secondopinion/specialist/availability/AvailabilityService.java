package org.secondopinion.specialist.availability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.SpecialistAvailabilityChanged;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.specialist.availability.AvailabilityDtos.AvailabilityRequest;
import org.secondopinion.specialist.availability.AvailabilityDtos.AvailabilityView;
import org.secondopinion.specialist.availability.AvailabilityDtos.ExceptionDto;
import org.secondopinion.specialist.availability.AvailabilityDtos.WindowDto;
import org.secondopinion.specialist.directory.Specialist;
import org.secondopinion.specialist.directory.SpecialistRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A specialist's consult availability. Every change (and every change of the out-of-office periods, which block
 * consults too) publishes the whole availability as {@code specialist.availability-changed.v1} through the outbox.
 */
@ApplicationScoped
public class AvailabilityService {

    private final SpecialistRepository specialists;
    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;

    public AvailabilityService(SpecialistRepository specialists, EntityManager em, Outbox outbox, Clock clock) {
        this.specialists = specialists;
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Optional<AvailabilityView> findOwn(String userId) {
        Specialist specialist = own(userId);
        return Optional.ofNullable(em.find(Availability.class, specialist.id)).map(AvailabilityService::view);
    }

    @Transactional
    public AvailabilityView replaceOwn(String userId, @NotNull @Valid AvailabilityRequest request) {
        Specialist specialist = own(userId);
        AvailabilityRules.requireValid(request);
        Availability availability = em.find(Availability.class, specialist.id);
        if (availability == null) {
            availability = new Availability(specialist.id);
            availability.replace(request.timeZone(), request.slotMinutes(), request.bufferMinutes(),
                    AvailabilityRules.weekly(request), AvailabilityRules.exceptions(request), clock.instant());
            em.persist(availability);
        } else {
            availability.replace(request.timeZone(), request.slotMinutes(), request.bufferMinutes(),
                    AvailabilityRules.weekly(request), AvailabilityRules.exceptions(request), clock.instant());
        }
        publish(specialist, availability);
        return view(availability);
    }

    /** The profile's out-of-office periods changed (in the caller's transaction): republish, if there is any. */
    public void outOfOfficeChanged(Specialist specialist) {
        Availability availability = em.find(Availability.class, specialist.id);
        if (availability != null) {
            availability.changed(clock.instant());
            publish(specialist, availability);
        }
    }

    private Specialist own(String userId) {
        return specialists.findByUserId(userId).orElseThrow(() -> new NotFoundProblem("specialist profile of", userId));
    }

    private void publish(Specialist specialist, Availability a) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(a.timeZone)));
        List<SpecialistAvailabilityChanged.Window> weekly = a.weekly.stream()
                .sorted(Comparator.comparing(WeeklyWindow::day).thenComparing(WeeklyWindow::from))
                .map(w -> new SpecialistAvailabilityChanged.Window(w.day(), w.from(), w.to())).toList();
        List<SpecialistAvailabilityChanged.DateWindow> extra = a.exceptions.stream()
                .filter(e -> !e.blocked() && !e.date().isBefore(today))
                .sorted(Comparator.comparing(AvailabilityException::date).thenComparing(AvailabilityException::from))
                .map(e -> new SpecialistAvailabilityChanged.DateWindow(e.date(), e.from(), e.to())).toList();
        List<LocalDate> blocked = a.exceptions.stream()
                .filter(e -> e.blocked() && !e.date().isBefore(today))
                .map(AvailabilityException::date).sorted().toList();
        List<SpecialistUpserted.Absence> away = specialist.outOfOffice.stream()
                .filter(p -> !p.endsOn().isBefore(today))
                .map(p -> new SpecialistUpserted.Absence(p.startsOn(), p.endsOn())).toList();
        outbox.publish(Topics.SPECIALIST_EVENTS, EventTypes.SPECIALIST_AVAILABILITY_CHANGED, subject(specialist),
                new SpecialistAvailabilityChanged(specialist.id, specialist.userId, a.version, a.timeZone,
                        a.slotMinutes, a.bufferMinutes, weekly, extra, blocked, away, a.updatedAt));
    }

    /** Its own key on the compacted topic, so compaction keeps it beside the specialist's profile snapshot. */
    public static String subject(Specialist specialist) {
        return specialist.id + ":availability";
    }

    private static AvailabilityView view(Availability a) {
        return new AvailabilityView(a.timeZone, a.slotMinutes, a.bufferMinutes,
                a.weekly.stream().sorted(Comparator.comparing(WeeklyWindow::day).thenComparing(WeeklyWindow::from))
                        .map(w -> new WindowDto(w.day(), w.from(), w.to())).toList(),
                a.exceptions.stream().sorted(Comparator.comparing(AvailabilityException::date))
                        .map(e -> new ExceptionDto(e.date(), e.kind(), e.from(), e.to())).toList(),
                a.version, a.updatedAt);
    }
}
