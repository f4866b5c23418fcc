package org.secondopinion.notification.feed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;
import org.secondopinion.notification.feed.NotificationDtos.NotificationView;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live in-app feed over Server-Sent Events. Each event's id is the item's {@code seq}; a client reconnecting with
 * {@code Last-Event-ID} first gets what it missed, then live items. One thread does all the work (catch-ups, the
 * fan-out of new rows, keep-alives), so each stream sees its items in order and exactly once: a stream only ever
 * sends items after its own cursor. New rows are found by reading the table after the last seen {@code seq} —
 * woken right after our own commits, and polled for rows written by other replicas.
 */
@ApplicationScoped
public class FeedStream {

    private static final Logger LOG = Logger.getLogger(FeedStream.class);
    private static final int BATCH = 200;

    private final NotificationRepository repository;
    private final NotificationMapper mapper;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "feed-stream");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Highest seq fanned out so far; -1 until the first pass reads the table. */
    private long mark = -1;
    private volatile boolean stopped;

    public FeedStream(NotificationRepository repository, NotificationMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    /**
     * Holds {@code sink} open for {@code audience}: items after {@code lastEventId}, or only new ones without it.
     */
    public void open(List<String> audience, Long lastEventId, SseEventSink sink, Sse sse) {
        Subscriber subscriber = new Subscriber(audience, sink, sse);
        thread.execute(() -> {
            subscriber.cursor = lastEventId != null ? lastEventId : read(repository::maxSeq);
            subscribers.add(subscriber);
            List<Notification> missed;
            do {
                long from = subscriber.cursor;
                missed = read(() -> repository.after(audience, from, BATCH));
                missed.forEach(subscriber::offer);
            } while (missed.size() == BATCH && subscriber.open());
        });
    }

    /** New rows were committed; cheap, callable from any thread. */
    public void wake() {
        if (!stopped && pending.compareAndSet(false, true)) {
            thread.execute(this::fanOut);
        }
    }

    /** Picks up rows other replicas wrote (their commits do not wake us). */
    @Scheduled(every = "${so.feed.stream.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!subscribers.isEmpty()) {
            wake();
        }
    }

    /** A comment line on every open stream, well within the gateway's 60 s idle cut. */
    @Scheduled(every = "${so.feed.stream.keep-alive:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAlive() {
        if (!stopped && !subscribers.isEmpty()) {
            thread.execute(() -> subscribers.forEach(Subscriber::keepAlive));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        thread.shutdownNow();
        subscribers.forEach(Subscriber::close);
    }

    int openStreams() {
        return subscribers.size();
    }

    private void fanOut() {
        pending.set(false);
        try {
            if (subscribers.isEmpty()) {
                // nobody listens on this replica: no query per commit; the next stream sets its own cursor
                mark = -1;
                return;
            }
            if (mark < 0) {
                // from the oldest open stream's cursor: nothing committed since a stream opened is skipped
                mark = subscribers.stream().mapToLong(s -> s.cursor).min().orElseGet(() -> read(repository::maxSeq));
            }
            List<Notification> rows;
            do {
                long from = mark;
                rows = read(() -> repository.after(from, BATCH));
                for (Notification row : rows) {
                    subscribers.forEach(s -> s.offer(row));
                    mark = row.seq;
                }
            } while (rows.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("feed stream pass failed, the next poll retries: %s", e.toString());
        }
    }

    private static <T> T read(java.util.function.Supplier<T> query) {
        return QuarkusTransaction.requiringNew().call(query::get);
    }

    private final class Subscriber {
        private final List<String> audience;
        private final SseEventSink sink;
        private final Sse sse;
        private long cursor;

        Subscriber(List<String> audience, SseEventSink sink, Sse sse) {
            this.audience = audience;
            this.sink = sink;
            this.sse = sse;
        }

        boolean open() {
            return !sink.isClosed();
        }

        void offer(Notification row) {
            if (row.seq <= cursor || !audience.contains(row.recipient)) {
                return;
            }
            cursor = row.seq;
            send(sse.newEventBuilder()
                    .id(String.valueOf(row.seq))
                    .name("notification")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(NotificationView.class, mapper.toView(row))
                    .build());
        }

        void keepAlive() {
            send(sse.newEventBuilder().comment("keep-alive").build());
        }

        void close() {
            subscribers.remove(this);
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }

        private void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                subscribers.remove(this);
                return;
            }
            sink.send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    // the client went away; it resumes with Last-Event-ID when it comes back
                    subscribers.remove(this);
                }
            });
        }
    }
}
