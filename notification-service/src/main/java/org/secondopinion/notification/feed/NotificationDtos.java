package org.secondopinion.notification.feed;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the feed API. */
public final class NotificationDtos {

    private NotificationDtos() {
    }

    /**
     * One feed item.
     *
     * @param recipient the caller's id, or {@code role:coordinator} for items shared by every coordinator
     */
    public record NotificationView(UUID id, String kind, String caseReference, String text, String recipient,
                                   Instant createdAt, @Schema(nullable = true) Instant readAt, boolean read) {
    }

    public record UnreadCount(long count) {
    }

    public record MarkedRead(int marked) {
    }
}
