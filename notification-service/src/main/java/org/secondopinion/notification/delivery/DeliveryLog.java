package org.secondopinion.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.platform.web.PageParams;
import org.secondopinion.platform.web.PageResult;

import java.time.Instant;
import java.util.UUID;

/** The coordinators' view of external deliveries: what went where and how it ended, without contact data. */
@ApplicationScoped
public class DeliveryLog {

    /**
     * One delivery as coordinators see it. Addresses and texts are left out: coordinators need outcomes, and the
     * person's contact points are theirs.
     */
    public record DeliveryView(UUID id, String eventId, String eventType, String recipient, String channel,
                               String kind, String caseReference, String status, int attempts, Instant createdAt,
                               @Schema(nullable = true) Instant nextAttemptAt, @Schema(nullable = true) Instant sentAt, @Schema(nullable = true) String lastError) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.eventId, d.eventType, d.recipient,
                    d.channel().name(), d.kind.name(), d.caseReference, d.status().name(),
                    d.attempts(), d.createdAt, d.status().isFinal() ? null : d.nextAttemptAt(),
                    d.sentAt(), d.lastError());
        }
    }

    private final DeliveryRepository repository;

    public DeliveryLog(DeliveryRepository repository) {
        this.repository = repository;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<DeliveryView> page(DeliveryStatus status, Channel channel, PageParams page) {
        return PageResult.counted(repository.page(status, channel, page.offset(), page.size).stream()
                        .map(DeliveryView::of).toList(), page.page, page.size, COUNT_LIMIT,
                limit -> repository.countUpTo(status, channel, limit));
    }

    /** The log only grows (until retention): counted up to this many, then "at least" ({@link PageResult}). */
    static final int COUNT_LIMIT = 1_000;
}
