package org.secondopinion.notification.feed;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import org.secondopinion.notification.routing.NotificationKind;

class AudienceTest {

    @Test
    void aPatientSeesOnlyTheirOwnItems() {
        assertThat(Audience.of("patient1", false)).containsExactly("patient1");
    }

    @Test
    void aCoordinatorAlsoSeesTheItemsAddressedToTheRole() {
        assertThat(Audience.of("coordinator1", true)).containsExactly("coordinator1", "role:coordinator");
    }

    @Test
    void aSubjectShapedLikeARoleAddressUnlocksNothing() {
        assertThat(Audience.of("role:coordinator", false)).isEmpty();
    }

    @Test
    void readingTwiceKeepsTheFirstReadTime() {
        Notification n = new Notification(UUID.randomUUID(), "patient1", "e1", "case.submitted.v1",
                NotificationKind.CASE_RECEIVED, "SO-2026-000001", "text", Instant.now());
        Instant first = Instant.parse("2026-01-01T10:00:00Z");

        n.markRead(first);
        n.markRead(first.plusSeconds(60));

        assertThat(n.isRead()).isTrue();
        assertThat(n.readAt()).isEqualTo(first);
    }
}
