package org.secondopinion.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.secondopinion.notification.feed.InAppChannel;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.NotificationKind;
import org.secondopinion.platform.security.Roles;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due deliveries. Woken after every commit that recorded one ({@link ExternalChannel}) and by a periodic
 * sweep that picks up retries and rows left behind by a crash. A pass claims rows in a short transaction (row
 * locks with SKIP LOCKED, then a lease), sends with no transaction open, and records each outcome in its own
 * transaction: a slow SMTP server never holds database locks, and replicas never send the same row at once.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryRepository repository;
    private final DeliveryConfig config;
    private final InAppChannel inApp;
    private final MeterRegistry metrics;
    private final Map<Channel, DeliverySender> senders = new EnumMap<>(Channel.class);
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "delivery-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;

    public DeliveryWorker(DeliveryRepository repository, DeliveryConfig config, InAppChannel inApp,
                          MeterRegistry metrics, Instance<DeliverySender> senders) {
        this.repository = repository;
        this.config = config;
        this.inApp = inApp;
        this.metrics = metrics;
        senders.forEach(s -> this.senders.put(s.channel(), s));
    }

    /** Asks for a pass soon; cheap, callable from any thread any number of times. */
    public void wake() {
        if (!stopped && pending.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    @Scheduled(every = "${notification.delivery.sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        thread.shutdownNow();
    }

    private void drain() {
        pending.set(false);
        try {
            List<Delivery> batch;
            do {
                batch = claim();
                for (Delivery delivery : batch) {
                    attempt(delivery);
                }
            } while (!stopped && batch.size() == config.batchSize());
        } catch (RuntimeException e) {
            // the database is away: rows stay due and the next sweep tries again
            LOG.warnf("delivery pass failed, will retry: %s", e.toString());
        }
    }

    private List<Delivery> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now(clock);
            List<Delivery> due = repository.lockDue(now, config.batchSize());
            due.forEach(d -> d.lease(now.plus(config.lease())));
            return due;
        });
    }

    private void attempt(Delivery claimed) {
        String error = null;
        try {
            DeliverySender sender = senders.get(claimed.getChannel());
            if (sender == null) {
                throw new IllegalStateException("no sender for channel " + claimed.getChannel());
            }
            sender.send(claimed);
        } catch (Exception e) {
            // the exception text may quote the address back (SMTP does): keep its class and a short message only
            error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
        }
        String failure = error;
        DeliveryStatus outcome = QuarkusTransaction.requiringNew().call(() -> {
            Delivery delivery = repository.find(claimed.getId());
            if (delivery == null || delivery.getStatus().isFinal()) {
                return null;
            }
            Instant now = Instant.now(clock);
            if (failure == null) {
                delivery.sent(now);
            } else {
                delivery.failed(failure, now, config.backoff(), config.maxAttempts());
                if (delivery.getStatus() == DeliveryStatus.DEAD) {
                    tellCoordinators(delivery);
                }
            }
            return delivery.getStatus();
        });
        if (outcome != null) {
            count(claimed.getChannel(), outcome);
            // ids only: addresses and texts stay out of the logs
            if (outcome == DeliveryStatus.DEAD) {
                LOG.warnf("delivery %s (%s, event %s) is dead after %d attempts", claimed.getId(),
                        claimed.getChannel(), claimed.getEventId(), config.maxAttempts());
            } else if (outcome == DeliveryStatus.RETRYING) {
                LOG.infof("delivery %s (%s) failed, will retry: %s", claimed.getId(), claimed.getChannel(),
                        failure == null ? "" : failure.split(":")[0]);
            }
        }
    }

    /** Coordinators hear about dead deliveries in their shared feed, so someone reaches the person another way. */
    private void tellCoordinators(Delivery dead) {
        String ref = dead.getCaseReference() == null ? "" : " about case " + dead.getCaseReference();
        inApp.record("delivery-dead:" + dead.getId(), "notification.delivery-dead", new NotificationIntent(
                NotificationIntent.role(Roles.COORDINATOR), NotificationKind.DELIVERY_FAILED,
                dead.getCaseReference(), "A notification" + ref + " could not be delivered by "
                + dead.getChannel() + " — see the delivery log."));
    }

    private void count(Channel channel, DeliveryStatus outcome) {
        String name = switch (outcome) {
            case SENT -> "sent";
            case RETRYING -> "failed";
            case DEAD -> "dead";
            case PENDING -> null;
        };
        if (name != null) {
            metrics.counter("notification.deliveries", "channel", channel.name(), "outcome", name).increment();
            if (outcome == DeliveryStatus.DEAD) {
                // a dead delivery is also a failed attempt
                metrics.counter("notification.deliveries", "channel", channel.name(), "outcome", "failed").increment();
            }
        }
    }
}
