package org.secondopinion.notification.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.work.Workers;
import org.jboss.logging.Logger;
import org.secondopinion.notification.webhook.ClinicReferral.Notice;
import org.secondopinion.notification.webhook.ReferralEvents.Referred;
import org.secondopinion.notification.webhook.ReferralEvents.Update;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.tx.BatchExistence;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The consumer side of clinic webhooks. Runs inside the event's inbox transaction: keeps the referral projection
 * and records one delivery per live webhook of the referring clinic (unique per webhook and event). It never
 * calls a clinic itself: the worker sends after commit, so a rollback cannot leave a callback sent for an event
 * we did not keep.
 *
 * <p>A case's {@code case.referred} precedes its other case events on the same partition, and its matching events
 * follow its submission; so when a batch's look-up finds no referral for a case, none is on its way but one this
 * batch creates itself, which {@link #onEvent} adds to the answers. (A matching event that overtook its case's
 * {@code case.referred}, from a lagging case-topic consumer, found no projection before this look-up either.)
 */
@ApplicationScoped
public class ReferralWebhooks {

    private static final Logger LOG = Logger.getLogger(ReferralWebhooks.class);

    private final ReferralEvents events;
    private final WebhookRepository repository;
    /** Which of a consumed batch's cases are referrals, asked once for the batch. */
    private final BatchExistence<UUID> referrals;
    private final Workers workers;
    private final ObjectMapper json;
    private final Clock clock;

    public ReferralWebhooks(ObjectMapper json, WebhookRepository repository, Workers workers, Clock clock,
                            TransactionSynchronizationRegistry transactions) {
        this.events = new ReferralEvents(json);
        this.repository = repository;
        this.referrals = new BatchExistence<>(transactions);
        this.workers = workers;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Once per consumed batch, before its events are handled: which of the batch's cases are referrals, in one
     * query, so that the events of a patient's own case (nearly all of them) cost no lookup each. An event that
     * cannot be read is left to its handler, which turns it away.
     */
    public void lookUp(List<EventEnvelope> batch) {
        Set<UUID> caseIds = new HashSet<>();
        for (EventEnvelope event : batch) {
            try {
                events.read(event).filter(update -> !(update instanceof Referred))
                        .ifPresent(update -> caseIds.add(update.caseId()));
            } catch (RuntimeException unreadable) {
                // its handler throws the same, and the consumer parks the event
            }
        }
        if (!caseIds.isEmpty()) {
            referrals.record(caseIds, repository.referralsAmong(caseIds));
        }
    }

    public void onEvent(EventEnvelope event) {
        Optional<Update> read = events.read(event);
        if (read.isEmpty()) {
            return;
        }
        Update update = read.get();
        // the batch's look-up said this case is no referral (a case not asked about is looked at below)
        if (!(update instanceof Referred) && !referrals.exists(update.caseId(), caseId -> true)) {
            return;
        }
        Instant at = event.time() != null ? event.time() : Instant.now(clock);
        Optional<ClinicReferral> known = repository.lockReferral(update.caseId());
        if (known.isEmpty()) {
            if (update instanceof Referred referred) {
                ClinicReferral referral = ClinicReferral.of(referred.referral(), at);
                repository.persist(referral);
                referrals.add(referral.caseId);
                enqueue(event, referral, referral.created(), at);
            }
            // otherwise a patient's own case (or, rarely, a referral whose case.referred has not arrived yet)
            return;
        }
        ClinicReferral referral = known.get();
        referral.apply(update, at).ifPresent(notice -> enqueue(event, referral, notice, at));
    }

    private void enqueue(EventEnvelope event, ClinicReferral referral, Notice notice, Instant occurredAt) {
        Instant now = Instant.now(clock);
        int recorded = 0;
        for (Webhook webhook : repository.live(referral.clinicId)) {
            if (!webhook.wants(notice.type())) {
                continue;
            }
            UUID id = Ids.newId();
            String body = new WebhookPayload(id, notice.type(), occurredAt.toString(), notice.data()).toJson(json);
            if (repository.insertOnce(new WebhookDelivery(id, webhook.id, event.id(), referral.caseId,
                    notice.type(), body, now))) {
                recorded++;
            }
        }
        // ids only: the clinic reference is the clinic's, and logs are not where it belongs
        LOG.debugf("event %s (%s) of case %s: %s to %d webhook(s) of clinic %s", event.id(), event.type(),
                referral.caseId, notice.type(), recorded, referral.clinicId);
        if (recorded > 0) {
            workers.wakeAfterCommit(WebhookQueue.NAME);
        }
    }
}
