package org.secondopinion.notification.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.secondopinion.platform.work.Backoff;
import org.secondopinion.platform.work.WorkPolicy;
import org.secondopinion.platform.work.WorkQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clinic webhook callbacks as a work queue ({@code so.work.webhooks.*}): claimed in a short transaction, POSTed
 * with no transaction open on a small pool (one slow clinic must not hold up the others, {@code so.webhooks.senders}),
 * each outcome recorded. Per referral and webhook only the oldest open delivery is ever claimed
 * ({@link WebhookRepository#lockDue}), so callbacks arrive in event order; passes repeat while they find work,
 * since a success can free the next one in line. A destination that is not public is given up at once.
 */
@ApplicationScoped
public class WebhookQueue implements WorkQueue<WebhookQueue.Claimed> {

    public static final String NAME = "webhooks";
    private static final Logger LOG = Logger.getLogger(WebhookQueue.class);
    static final String METRIC = "webhooks.delivered";
    static final String DELETED = "webhook deleted: not sent";

    /** A claimed delivery with where it goes; not a record, so the secret cannot end up in a log by toString. */
    static final class Claimed {
        final UUID id;
        final String url;
        final String secret;
        final String body;
        volatile WebhookSender.Attempt attempt;

        Claimed(UUID id, String url, String secret, String body) {
            this.id = id;
            this.url = url;
            this.secret = secret;
            this.body = body;
        }

        @Override
        public String toString() {
            return "delivery " + id;
        }
    }

    private final WebhookRepository repository;
    private final WebhookSender sender;
    private final WebhookSecrets secrets;
    private final MeterRegistry metrics;
    private final EntityManager em;
    private final ExecutorService senders;

    public WebhookQueue(WebhookRepository repository, WebhookSender sender, WebhookConfig config,
                        WebhookSecrets secrets, MeterRegistry metrics, EntityManager em) {
        this.repository = repository;
        this.sender = sender;
        this.secrets = secrets;
        this.metrics = metrics;
        this.em = em;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.senders()), r -> {
            Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkPolicy defaults() {
        return WorkPolicy.DEFAULTS.withLease(Duration.ofMinutes(1)).withMaxAttempts(10)
                .withBackoff(new Backoff(Duration.ofSeconds(30), Duration.ofHours(1)));
    }

    @Override
    public List<Claimed> claim(Instant now, int limit, Instant leaseUntil) {
        List<Claimed> claimed = new ArrayList<>();
        for (WebhookDelivery delivery : repository.lockDue(now, limit)) {
            Webhook webhook = repository.find(delivery.webhookId);
            if (webhook == null || webhook.isDeleted()) {
                delivery.abandon(DELETED); // deleted between enqueue and now: it must receive nothing more
                continue;
            }
            delivery.lease(leaseUntil);
            String secret;
            try {
                secret = secrets.open(webhook);
            } catch (SecretBox.SealException e) {
                // a key problem (not the clinic's): no attempt is counted, the row waits out the lease and is tried
                // again, so it goes out once the right key is configured
                LOG.errorf("webhook delivery %s not sent: the secret of webhook %s does not open (%s)",
                        delivery.id, webhook.id, e.getMessage());
                continue;
            }
            claimed.add(new Claimed(delivery.id, webhook.url, secret, delivery.body));
        }
        return claimed;
    }

    @Override
    public void perform(Claimed claimed) throws Exception {
        claimed.attempt = sender.send(claimed.url, claimed.secret, claimed.id, claimed.body);
        if (!claimed.attempt.ok()) {
            throw new WebhookRefused(claimed.attempt);
        }
    }

    /** POSTs the batch on the sender pool, so one slow receiver delays only its own callbacks. */
    @Override
    public Map<Claimed, Exception> performAll(List<Claimed> batch) {
        Map<Claimed, Future<?>> running = new LinkedHashMap<>();
        for (Claimed claimed : batch) {
            running.put(claimed, senders.submit(() -> {
                perform(claimed);
                return null;
            }));
        }
        Map<Claimed, Exception> failures = new LinkedHashMap<>();
        running.forEach((claimed, future) -> {
            try {
                future.get();
            } catch (ExecutionException e) {
                failures.put(claimed, e.getCause() instanceof Exception cause ? cause : e);
            } catch (InterruptedException | CancellationException e) {
                Thread.currentThread().interrupt();
                failures.put(claimed, new IllegalStateException("stopping: not sent"));
            }
        });
        return failures;
    }

    @Override
    public void succeeded(Claimed claimed, Instant now) {
        WebhookDelivery delivery = repository.findDelivery(claimed.id);
        if (delivery != null && !delivery.status().isFinal()) {
            delivery.sent(claimed.attempt.statusCode(), now);
            metrics.counter(METRIC, "outcome", "sent").increment();
        }
    }

    @Override
    public Outcome failed(Claimed claimed, String error, Instant now, WorkPolicy policy) {
        WebhookDelivery delivery = repository.findDelivery(claimed.id);
        if (delivery == null || delivery.status().isFinal()) {
            return Outcome.GONE; // the webhook was deleted while we were sending
        }
        WebhookSender.Attempt attempt = claimed.attempt;
        if (attempt == null) {
            return Outcome.GONE; // not sent (stopping): the lease runs out and the row goes out later
        }
        if (!attempt.retryable()) {
            delivery.failedForGood(attempt.error());
        } else {
            delivery.failed(attempt.statusCode(), attempt.error(), now, policy.backoff(), policy.maxAttempts());
        }
        metrics.counter(METRIC, "outcome", "failed").increment();
        // ids and status codes only: URLs can carry clinic tokens in their query, bodies are the clinic's
        if (delivery.status() == WebhookDeliveryStatus.DEAD) {
            metrics.counter(METRIC, "outcome", "dead").increment();
            if (!attempt.retryable()) {
                LOG.warnf("webhook delivery %s is dead: %s (its URL's host resolves to an address that is not public)",
                        claimed.id, shortError(attempt));
            } else {
                LOG.warnf("webhook delivery %s is dead after %d attempts (last: %s)", claimed.id,
                        policy.maxAttempts(), shortError(attempt));
            }
            return Outcome.GIVEN_UP;
        }
        LOG.infof("webhook delivery %s failed, will retry: %s", claimed.id, shortError(attempt));
        return Outcome.RETRY;
    }

    @Override
    public Backlog backlog() {
        return Backlog.of((Object[]) em.createNativeQuery("SELECT count(*), min(created_at) FROM webhook_delivery "
                + "WHERE status = 'PENDING'").getSingleResult());
    }

    void stop(@Observes ShutdownEvent event) {
        senders.shutdownNow();
    }

    private static String shortError(WebhookSender.Attempt attempt) {
        return attempt.statusCode() != null ? "HTTP " + attempt.statusCode()
                : String.valueOf(attempt.error()).split(":")[0];
    }

    /** A callback the receiver did not take (an HTTP error, a timeout, or a destination that is not public). */
    static final class WebhookRefused extends Exception {
        WebhookRefused(WebhookSender.Attempt attempt) {
            super(shortError(attempt));
        }
    }
}
