package org.secondopinion.specialist.directory;

import jakarta.enterprise.context.ApplicationScoped;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Publishes specialist.upserted.v1 through the outbox, in the caller's transaction. The one place that decides
 * "today" for credential validity (UTC), so the snapshot and the rules that produced it agree.
 */
@ApplicationScoped
public class SnapshotPublisher {

    private final Outbox outbox;
    private final Clock clock;

    public SnapshotPublisher(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The snapshot of a specialist as created (version 1). */
    public void created(Specialist specialist) {
        publish(specialist);
    }

    /** Raises the snapshot version and publishes the new snapshot. */
    public void changed(Specialist specialist) {
        specialist.changed(now());
        publish(specialist);
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private void publish(Specialist specialist) {
        outbox.publish(Topics.SPECIALIST_EVENTS, EventTypes.SPECIALIST_UPSERTED, specialist.id,
                SpecialistSnapshots.of(specialist, today()));
    }
}
