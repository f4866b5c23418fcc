package org.secondopinion.notification.consults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.notification.delivery.NotificationDispatcher;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.NotificationKind;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.catalog.ConsultBooked;
import org.secondopinion.platform.events.catalog.ConsultCancelled;
import org.secondopinion.platform.events.catalog.ConsultCompleted;
import org.secondopinion.platform.events.catalog.ConsultRescheduled;
import org.secondopinion.platform.work.WorkPolicy;
import org.secondopinion.platform.work.WorkQueue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reminders before a live consult (by default 24 hours and 1 hour before, {@link ConsultRemindersConfig}), to the
 * patient and the specialist on their channels, PHI-free. Scheduled from {@code consult.booked/rescheduled} (one row
 * per consult, lead time ({@link LeadTime#key()}) and SEQUENCE: a redelivered event adds
 * nothing; a reschedule voids the old time's reminders), voided by {@code consult.cancelled/completed}, and sent by
 * this work queue when due. A reminder's notifications carry an event id derived from its row's key, so the feed's and
 * the deliveries' unique keys keep it to once even if a crash or a second replica repeats the send.
 */
@ApplicationScoped
@Startup // lead times that do not make sense stop the service at startup, not at the first booking
public class ConsultReminders implements WorkQueue<ConsultReminders.Due> {

    public static final String NAME = "consult-reminders";
    static final String REMINDER_TYPE = "consult.reminder";
    private static final Logger LOG = Logger.getLogger(ConsultReminders.class);

    /** One claimed reminder row. */
    public record Due(UUID consultId, LeadTime lead, int sequence) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final NotificationDispatcher dispatcher;
    private final Clock clock;
    private final List<LeadTime> leadTimes;

    public ConsultReminders(EntityManager em, ObjectMapper mapper, NotificationDispatcher dispatcher, Clock clock,
                            ConsultRemindersConfig config) {
        this.em = em;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.leadTimes = LeadTime.validated(config.leadTimes());
    }

    /** In the consumer's transaction: (re)schedules or voids the reminders an event of a consult implies. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onEvent(EventEnvelope event) {
        switch (event.type()) {
            case EventTypes.CONSULT_BOOKED -> {
                ConsultBooked e = event.dataAs(ConsultBooked.class, mapper);
                schedule(e.consultId(), e.sequence(), e.caseReference(), e.patientId(), e.specialistUserId(),
                        e.startsAt());
            }
            case EventTypes.CONSULT_RESCHEDULED -> {
                ConsultRescheduled e = event.dataAs(ConsultRescheduled.class, mapper);
                schedule(e.consultId(), e.sequence(), e.caseReference(), e.patientId(), e.specialistUserId(),
                        e.startsAt());
            }
            case EventTypes.CONSULT_CANCELLED -> voidBefore(event.dataAs(ConsultCancelled.class, mapper).consultId(),
                    Integer.MAX_VALUE);
            case EventTypes.CONSULT_COMPLETED -> voidBefore(event.dataAs(ConsultCompleted.class, mapper).consultId(),
                    Integer.MAX_VALUE);
            default -> {
                // not about a consult's time
            }
        }
    }

    private void schedule(UUID consultId, int sequence, String caseReference, String patientId,
                          String specialistUserId, Instant startsAt) {
        Instant now = clock.instant();
        voidBefore(consultId, sequence);
        for (LeadTime lead : leadTimes) {
            Instant due = startsAt.minus(lead.before());
            if (!due.isAfter(now)) {
                continue; // booked less than that ahead: this reminder would come too late to help
            }
            em.createNativeQuery("INSERT INTO consult_reminder (consult_id, kind, sequence, case_reference, patient_id, "
                            + "specialist_user_id, starts_at, status, next_attempt_at, created_at) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', ?8, ?9) ON CONFLICT DO NOTHING")
                    .setParameter(1, consultId).setParameter(2, lead.key()).setParameter(3, sequence)
                    .setParameter(4, caseReference).setParameter(5, patientId).setParameter(6, specialistUserId)
                    .setParameter(7, startsAt).setParameter(8, due).setParameter(9, now)
                    .executeUpdate();
        }
    }

    /** Pending reminders of the consult's earlier invitations (or all of them) will not be sent. */
    private void voidBefore(UUID consultId, int sequence) {
        em.createNativeQuery("UPDATE consult_reminder SET status = 'VOID' WHERE consult_id = ?1 AND sequence < ?2 "
                        + "AND status = 'PENDING'")
                .setParameter(1, consultId).setParameter(2, sequence).executeUpdate();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Due> claim(Instant now, int limit, Instant leaseUntil) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT consult_id, kind, sequence FROM consult_reminder "
                        + "WHERE status = 'PENDING' AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2 "
                        + "FOR UPDATE SKIP LOCKED")
                .setParameter(1, now).setParameter(2, limit).getResultList();
        List<Due> due = rows.stream().map(r -> new Due((UUID) r[0], LeadTime.fromKey((String) r[1]),
                ((Number) r[2]).intValue())).toList();
        due.forEach(d -> update("UPDATE consult_reminder SET next_attempt_at = ?4", d, leaseUntil));
        return due;
    }

    /** Sends one reminder and marks it sent, in one transaction of its own. */
    @Override
    public void perform(Due due) {
        QuarkusTransaction.requiringNew().run(() -> send(due));
    }

    private void send(Due due) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT case_reference, patient_id, specialist_user_id, status "
                        + "FROM consult_reminder WHERE consult_id = ?1 AND kind = ?2 AND sequence = ?3 FOR UPDATE")
                .setParameter(1, due.consultId()).setParameter(2, due.lead().key()).setParameter(3, due.sequence())
                .getResultList();
        if (rows.isEmpty() || !"PENDING".equals(rows.get(0)[3])) {
            return; // voided (cancelled, moved) or sent meanwhile
        }
        String ref = (String) rows.get(0)[0];
        Instant now = clock.instant();
        EventEnvelope reminder = new EventEnvelope(EventEnvelope.SPEC_VERSION, eventId(due), "/second-opinion/"
                + "notification-service", REMINDER_TYPE, due.consultId().toString(), now, "application/json",
                mapper.createObjectNode(), null);
        String text = "Reminder: the video consult on case " + ref + " starts in about " + due.lead().words()
                + " — sign in to join from 15 minutes before.";
        for (Object recipient : new Object[]{rows.get(0)[1], rows.get(0)[2]}) {
            if (recipient != null) {
                dispatcher.deliver(reminder, new NotificationIntent((String) recipient,
                        NotificationKind.CONSULT_REMINDER, ref, text));
            }
        }
        update("UPDATE consult_reminder SET status = 'SENT', sent_at = ?4", due, now);
        LOG.infof("consult %s: %s reminder sent", due.consultId(), due.lead().key());
    }

    /**
     * The same id for every attempt at one reminder: the once-only keys downstream hold on to it. Built from the row's
     * key, so a reminder scheduled before lead times were configurable keeps its id.
     */
    static String eventId(Due due) {
        return UUID.nameUUIDFromBytes(("consult-reminder:" + due.consultId() + ":" + due.lead().key() + ":"
                + due.sequence()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void succeeded(Due due, Instant now) {
        // marked SENT in the sending transaction itself
    }

    @Override
    public Outcome failed(Due due, String error, Instant now, WorkPolicy policy) {
        @SuppressWarnings("unchecked")
        List<Number> attempts = em.createNativeQuery("UPDATE consult_reminder SET attempts = attempts + 1, "
                        + "last_error = left(?4, 500) WHERE consult_id = ?1 AND kind = ?2 AND sequence = ?3 "
                        + "AND status = 'PENDING' RETURNING attempts")
                .setParameter(1, due.consultId()).setParameter(2, due.lead().key()).setParameter(3, due.sequence())
                .setParameter(4, error == null ? "" : error).getResultList();
        if (attempts.isEmpty()) {
            return Outcome.GONE;
        }
        int tried = attempts.get(0).intValue();
        if (policy.exhausted(tried)) {
            update("UPDATE consult_reminder SET status = 'DEAD', next_attempt_at = ?4", due, now);
            return Outcome.GIVEN_UP;
        }
        update("UPDATE consult_reminder SET next_attempt_at = ?4", due, policy.retryAt(tried, now));
        return Outcome.RETRY;
    }

    @Override
    public Backlog backlog() {
        return Backlog.of((Object[]) em.createNativeQuery("SELECT count(*), min(created_at) FROM consult_reminder "
                + "WHERE status = 'PENDING'").getSingleResult());
    }

    private void update(String setClause, Due due, Instant value) {
        em.createNativeQuery(setClause + " WHERE consult_id = ?1 AND kind = ?2 AND sequence = ?3")
                .setParameter(1, due.consultId()).setParameter(2, due.lead().key()).setParameter(3, due.sequence())
                .setParameter(4, value).executeUpdate();
    }
}
