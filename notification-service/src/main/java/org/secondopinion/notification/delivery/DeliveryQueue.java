package org.secondopinion.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.secondopinion.notification.feed.InAppChannel;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.NotificationKind;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.work.Backoff;
import org.secondopinion.platform.work.WorkPolicy;
import org.secondopinion.platform.work.WorkQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * E-mail, SMS and push deliveries as a work queue ({@code so.work.deliveries.*}): recorded in the event's
 * transaction ({@link ExternalChannel}), sent after it commits with no transaction open, each outcome recorded:
 * SENT, RETRYING after the backoff, or DEAD once the attempts are used up (coordinators then hear about it in
 * their feed). A slow SMTP server never holds database locks, and replicas never send the same row at once.
 */
@ApplicationScoped
public class DeliveryQueue implements WorkQueue<Delivery> {

    public static final String NAME = "deliveries";
    /**
     * From the delivery's creation (the event's arrival) to the message handed to its provider: the objective
     * "notifications delivered within 5 minutes" (docs/OPERATIONS.md) reads its 300 s bucket. SMS and push held
     * back by the person's quiet hours are measured from creation too, so the objective is kept on e-mail.
     */
    static final String LATENCY = "notification.delivery.latency";
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(12)};
    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);

    private final DeliveryRepository repository;
    private final EntityManager em;
    private final InAppChannel inApp;
    private final MeterRegistry metrics;
    private final Map<Channel, DeliverySender> senders = new EnumMap<>(Channel.class);
    /** Sends a claimed batch's deliveries side by side ({@link #performAll}). */
    private final ExecutorService sending;

    public DeliveryQueue(DeliveryRepository repository, EntityManager em, InAppChannel inApp, MeterRegistry metrics,
                         Instance<DeliverySender> senders,
                         @ConfigProperty(name = "so.deliveries.parallel-sends", defaultValue = "8") int parallelSends) {
        this.repository = repository;
        this.em = em;
        this.inApp = inApp;
        this.metrics = metrics;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        AtomicInteger threads = new AtomicInteger();
        this.sending = Executors.newFixedThreadPool(Math.max(1, parallelSends), r -> {
            Thread t = new Thread(r, "deliveries-send-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void close() {
        sending.shutdownNow();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkPolicy defaults() {
        // a wake-up lingers 100 ms, so that the deliveries of the consumer transactions committed meanwhile go out
        // in one pass: each pass is two transactions (claim, record), and one per commit was a quarter of
        // notification-service's CPU at 50 cases/s (async-profiler); an e-mail or SMS 100 ms later is no worse
        return WorkPolicy.DEFAULTS.withLease(Duration.ofMinutes(2)).withMaxAttempts(6)
                .withBackoff(new Backoff(Duration.ofSeconds(30), Duration.ofHours(1))).withLinger(Duration.ofMillis(100));
    }

    @Override
    public List<Delivery> claim(Instant now, int limit, Instant leaseUntil) {
        return repository.leaseDue(now, limit, leaseUntil);
    }

    @Override
    public void perform(Delivery delivery) throws Exception {
        DeliverySender sender = senders.get(delivery.channel());
        if (sender == null) {
            throw new IllegalStateException("no sender for channel " + delivery.channel());
        }
        sender.send(delivery);
    }

    /**
     * Up to {@code so.deliveries.parallel-sends} deliveries of the batch at a time. Each is one round trip to the SMTP
     * server or the messaging provider; one after another they capped e-mail near one per round trip: a wall-clock
     * profile during a 45 cases/s run had the worker thread waiting on the SMTP server's answers 80 % of the time,
     * and e-mails queued for 5–10 s. Every delivery still succeeds or fails on its own.
     */
    @Override
    public Map<Delivery, Exception> performAll(List<Delivery> deliveries) {
        Map<Delivery, Exception> failures = new ConcurrentHashMap<>();
        Map<Delivery, Future<?>> running = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            running.put(delivery, sending.submit(() -> {
                try {
                    perform(delivery);
                } catch (Exception e) {
                    failures.put(delivery, e);
                }
            }));
        }
        running.forEach((delivery, send) -> {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: what is not known to be sent is tried again later
                failures.putIfAbsent(delivery, e);
            } catch (ExecutionException | RuntimeException e) {
                failures.putIfAbsent(delivery, e);
            }
        });
        return failures;
    }

    @Override
    public void succeeded(Delivery claimed, Instant now) {
        Delivery delivery = repository.find(claimed.id);
        if (delivery != null) {
            sent(delivery, now);
        }
    }

    /** The batch's rows read in one query, not one each; their updates leave in one JDBC batch at the commit. */
    @Override
    public void succeededAll(List<Delivery> claimed, Instant now) {
        repository.findAll(claimed.stream().map(d -> d.id).toList()).forEach(delivery -> sent(delivery, now));
    }

    private void sent(Delivery delivery, Instant now) {
        if (delivery.status().isFinal()) {
            return;
        }
        delivery.sent(now);
        count(delivery.channel(), "sent");
        Duration took = Duration.between(delivery.createdAt, now);
        Timer.builder(LATENCY).description("From a delivery's creation to its sending")
                .tag("channel", delivery.channel().name()).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(metrics).record(took.isNegative() ? Duration.ZERO : took);
    }

    @Override
    public Outcome failed(Delivery claimed, String error, Instant now, WorkPolicy policy) {
        Delivery delivery = repository.find(claimed.id);
        if (delivery == null || delivery.status().isFinal()) {
            return Outcome.GONE;
        }
        delivery.failed(error, now, policy.backoff(), policy.maxAttempts());
        count(delivery.channel(), "failed");
        // ids only: addresses and texts stay out of the logs
        if (delivery.status() == DeliveryStatus.DEAD) {
            count(delivery.channel(), "dead");
            tellCoordinators(delivery);
            LOG.warnf("delivery %s (%s, event %s) is dead after %d attempts", delivery.id,
                    delivery.channel(), delivery.eventId, delivery.attempts());
            return Outcome.GIVEN_UP;
        }
        LOG.infof("delivery %s (%s) failed, will retry: %s", delivery.id, delivery.channel(),
                error.split(":")[0]);
        return Outcome.RETRY;
    }

    @Override
    public Backlog backlog() {
        return Backlog.of((Object[]) em.createNativeQuery("SELECT count(*), min(created_at) FROM delivery "
                + "WHERE status IN ('PENDING', 'RETRYING')").getSingleResult());
    }

    /** Coordinators hear about dead deliveries in their shared feed, so someone reaches the person another way. */
    private void tellCoordinators(Delivery dead) {
        String ref = dead.caseReference == null ? "" : " about case " + dead.caseReference;
        inApp.record("delivery-dead:" + dead.id, "notification.delivery-dead", new NotificationIntent(
                NotificationIntent.role(Roles.COORDINATOR), NotificationKind.DELIVERY_FAILED,
                dead.caseReference, "A notification" + ref + " could not be delivered by "
                + dead.channel() + " — see the delivery log."));
    }

    /** sent per delivered message; failed per failed attempt; dead per delivery given up (also counted failed). */
    private void count(Channel channel, String outcome) {
        metrics.counter("notification.deliveries", "channel", channel.name(), "outcome", outcome).increment();
    }
}
