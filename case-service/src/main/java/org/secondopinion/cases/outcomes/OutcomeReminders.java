package org.secondopinion.cases.outcomes;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.CaseOutcomeRequested;
import org.secondopinion.platform.outbox.Outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Asks patients who have not said what they decided: reminder n goes out {@code so.outcomes.reminders[n]} after the
 * opinion, as a {@code case.outcome-requested.v1} event that notification-service turns into a PHI-free message.
 * <p>
 * Each reminder is sent once: the sweep inserts {@code (case, reminder)} into {@code outcome_reminder} (its primary key
 * refuses a second one, whichever replica or restart tries) and writes the event to the outbox in the same
 * transaction. A case is skipped once the patient answered, when it was withdrawn, while it has no patient account
 * (a referral not yet claimed), and once a later reminder is due (only the latest due reminder is sent, so a service
 * that was down does not send two at once). A reminder more than {@code reminder-grace} overdue is not sent.
 */
@ApplicationScoped
public class OutcomeReminders {

    private static final Logger LOG = Logger.getLogger(OutcomeReminders.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final Outbox outbox;
    private final List<Duration> offsets;
    private final Duration grace;
    private final Clock clock;

    public OutcomeReminders(EntityManager em, Outbox outbox, OutcomesConfig config, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.offsets = List.copyOf(config.reminders());
        this.grace = config.reminderGrace();
        this.clock = clock;
    }

    @Scheduled(every = "${so.outcomes.reminder-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        sendDue(clock.instant());
    }

    /** Sends every reminder due at {@code now}; returns how many. */
    public int sendDue(Instant now) {
        int sent = 0;
        for (int i = offsets.size() - 1; i >= 0; i--) {
            Instant dueBefore = now.minus(offsets.get(i));
            // a case whose next reminder is already due gets that one instead
            Instant deliveredAfter = i + 1 < offsets.size() ? now.minus(offsets.get(i + 1))
                    : dueBefore.minus(grace);
            if (i + 1 < offsets.size() && deliveredAfter.isBefore(dueBefore.minus(grace))) {
                deliveredAfter = dueBefore.minus(grace);
            }
            int reminder = i + 1;
            Instant after = deliveredAfter;
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(() -> sendBatch(reminder, after, dueBefore, now));
                sent += batch;
            } while (batch == BATCH);
        }
        return sent;
    }

    private int sendBatch(int reminder, Instant deliveredAfter, Instant deliveredBefore, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("WITH due AS (SELECT c.id FROM patient_case c "
                        + "WHERE c.opinion_delivered_at IS NOT NULL AND c.opinion_delivered_at > ?2 "
                        + "AND c.opinion_delivered_at <= ?3 AND c.status IN ('OPINION_DELIVERED', 'CLOSED') "
                        + "AND c.patient_id IS NOT NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM case_outcome o WHERE o.case_id = c.id) "
                        + "AND NOT EXISTS (SELECT 1 FROM outcome_reminder r WHERE r.case_id = c.id AND r.reminder >= ?1) "
                        + "ORDER BY c.opinion_delivered_at LIMIT ?5), "
                        + "sent AS (INSERT INTO outcome_reminder (case_id, reminder, sent_at) SELECT id, ?1, ?4 FROM due "
                        + "ON CONFLICT DO NOTHING RETURNING case_id) "
                        + "SELECT c.id, c.reference, c.patient_id FROM patient_case c JOIN sent ON sent.case_id = c.id")
                .unwrap(NativeQuery.class)
                .addSynchronizedQuerySpace("outcome_reminder")
                .setParameter(1, (short) reminder)
                .setParameter(2, deliveredAfter)
                .setParameter(3, deliveredBefore)
                .setParameter(4, now)
                .setParameter(5, BATCH)
                .getResultList();
        for (Object[] row : due) {
            UUID caseId = (UUID) row[0];
            outbox.publish(Topics.CASE_EVENTS, EventTypes.CASE_OUTCOME_REQUESTED, caseId,
                    new CaseOutcomeRequested(caseId, (String) row[1], (String) row[2], reminder, now));
        }
        if (!due.isEmpty()) {
            LOG.infof("sent %d outcome reminder(s) number %d", due.size(), reminder);
        }
        return due.size();
    }
}
