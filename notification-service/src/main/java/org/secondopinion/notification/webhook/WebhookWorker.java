package org.secondopinion.notification.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due webhook deliveries, like the notification {@code DeliveryWorker}: woken after every commit that
 * recorded one and by a periodic sweep for retries and rows a crash left behind. A pass claims rows in a short
 * transaction (SKIP LOCKED, then a lease), POSTs them with no transaction open on a small pool (one slow clinic
 * must not hold up the others) and records each outcome in its own transaction. Per referral and webhook only the
 * oldest open delivery is ever claimed ({@link WebhookRepository#lockDue}), so callbacks arrive in event order;
 * passes repeat while they find work, since a success can free the next one in line.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    static final String METRIC = "webhooks.delivered";
    static final String DELETED = "webhook deleted: not sent";

    /** A claimed delivery with where it goes; not a record, so the secret cannot end up in a log by toString. */
    static final class Claimed {
        final UUID id;
        final String url;
        final String secret;
        final String body;

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
    private final WebhookConfig config;
    private final WebhookSecrets secrets;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService drainer = Executors.newSingleThreadExecutor(daemon("webhook-worker"));
    private final ExecutorService senders;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;

    public WebhookWorker(WebhookRepository repository, WebhookSender sender, WebhookConfig config,
                         WebhookSecrets secrets, MeterRegistry metrics) {
        this.repository = repository;
        this.sender = sender;
        this.config = config;
        this.secrets = secrets;
        this.metrics = metrics;
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.senders()), daemon("webhook-sender"));
    }

    /** Asks for a pass soon; cheap, callable from any thread any number of times. */
    public void wake() {
        if (!stopped && pending.compareAndSet(false, true)) {
            drainer.execute(this::drain);
        }
    }

    @Scheduled(every = "${so.webhooks.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        drainer.shutdownNow();
        senders.shutdownNow();
    }

    private void drain() {
        pending.set(false);
        try {
            List<Claimed> batch;
            do {
                batch = claim();
                List<Callable<Void>> sends = new ArrayList<>(batch.size());
                for (Claimed claimed : batch) {
                    sends.add(() -> {
                        try {
                            attempt(claimed);
                        } catch (RuntimeException e) {
                            // outcome not recorded (database away): the lease runs out and the row is sent again
                            LOG.warnf("webhook %s: outcome not recorded, will retry: %s", claimed, e.toString());
                        }
                        return null;
                    });
                }
                senders.invokeAll(sends);
            } while (!stopped && !batch.isEmpty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the database is away: rows stay due and the next sweep tries again
            LOG.warnf("webhook pass failed, will retry: %s", e.toString());
        }
    }

    private List<Claimed> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now(clock);
            List<Claimed> claimed = new ArrayList<>();
            for (WebhookDelivery delivery : repository.lockDue(now, config.batchSize())) {
                Webhook webhook = repository.find(delivery.getWebhookId());
                if (webhook == null || webhook.isDeleted()) {
                    delivery.abandon(DELETED); // deleted between enqueue and now: it must receive nothing more
                    continue;
                }
                delivery.lease(now.plus(config.lease()));
                String secret;
                try {
                    secret = secrets.open(webhook);
                } catch (SecretBox.SealException e) {
                    // a key problem (not the clinic's): no attempt is counted, the row waits out the lease and is
                    // tried again, so it goes out once the right key is configured
                    LOG.errorf("webhook delivery %s not sent: the secret of webhook %s does not open (%s)",
                            delivery.getId(), webhook.getId(), e.getMessage());
                    continue;
                }
                claimed.add(new Claimed(delivery.getId(), webhook.getUrl(), secret, delivery.getBody()));
            }
            return claimed;
        });
    }

    private void attempt(Claimed claimed) {
        WebhookSender.Attempt attempt;
        try {
            attempt = sender.send(claimed.url, claimed.secret, claimed.id, claimed.body);
        } catch (CancellationException e) {
            return; // stopping: the lease runs out and the next pass (here or on a replica) sends it
        }
        WebhookDeliveryStatus outcome = QuarkusTransaction.requiringNew().call(() -> {
            WebhookDelivery delivery = repository.findDelivery(claimed.id);
            if (delivery == null || delivery.getStatus().isFinal()) {
                return null; // the webhook was deleted while we were sending
            }
            Instant now = Instant.now(clock);
            if (attempt.ok()) {
                delivery.sent(attempt.statusCode(), now);
            } else if (!attempt.retryable()) {
                delivery.failedForGood(attempt.error());
            } else {
                delivery.failed(attempt.statusCode(), attempt.error(), now, config.backoff(), config.maxAttempts());
            }
            return delivery.getStatus();
        });
        if (outcome == null) {
            return;
        }
        count(outcome);
        // ids and status codes only: URLs can carry clinic tokens in their query, bodies are the clinic's
        if (outcome == WebhookDeliveryStatus.DEAD && !attempt.retryable()) {
            LOG.warnf("webhook delivery %s is dead: %s (its URL's host resolves to an address that is not public)",
                    claimed.id, shortError(attempt));
        } else if (outcome == WebhookDeliveryStatus.DEAD) {
            LOG.warnf("webhook delivery %s is dead after %d attempts (last: %s)", claimed.id, config.maxAttempts(),
                    shortError(attempt));
        } else if (outcome == WebhookDeliveryStatus.PENDING) {
            LOG.infof("webhook delivery %s failed, will retry: %s", claimed.id, shortError(attempt));
        }
    }

    /** sent per delivered callback; failed per failed attempt; dead per delivery given up (also counted failed). */
    private void count(WebhookDeliveryStatus outcome) {
        switch (outcome) {
            case SENT -> metrics.counter(METRIC, "outcome", "sent").increment();
            case PENDING -> metrics.counter(METRIC, "outcome", "failed").increment();
            case DEAD -> {
                metrics.counter(METRIC, "outcome", "failed").increment();
                metrics.counter(METRIC, "outcome", "dead").increment();
            }
        }
    }

    private static String shortError(WebhookSender.Attempt attempt) {
        return attempt.statusCode() != null ? "HTTP " + attempt.statusCode()
                : String.valueOf(attempt.error()).split(":")[0];
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
