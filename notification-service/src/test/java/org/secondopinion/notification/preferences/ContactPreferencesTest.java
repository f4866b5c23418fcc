package org.secondopinion.notification.preferences;

import org.junit.jupiter.api.Test;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContactPreferencesTest {

    @Test
    void kindsNotChosenGoByEmailOnly() {
        ContactPreferences p = preferences(Map.of());

        assertThat(p.addressesFor(NotificationKind.CASE_UPDATED, Channel.EMAIL)).containsExactly("pat@example.org");
        assertThat(p.addressesFor(NotificationKind.CASE_UPDATED, Channel.SMS)).isEmpty();
        assertThat(p.addressesFor(NotificationKind.CASE_UPDATED, Channel.PUSH)).isEmpty();
    }

    @Test
    void chosenChannelsReplaceTheDefaultForThatKind() {
        ContactPreferences p = preferences(Map.of(NotificationKind.OFFER_RECEIVED, Set.of(Channel.SMS, Channel.PUSH)));

        assertThat(p.addressesFor(NotificationKind.OFFER_RECEIVED, Channel.EMAIL)).isEmpty();
        assertThat(p.addressesFor(NotificationKind.OFFER_RECEIVED, Channel.SMS)).containsExactly("+14155550100");
        assertThat(p.addressesFor(NotificationKind.OFFER_RECEIVED, Channel.PUSH)).containsExactly("device-a", "device-b");
        assertThat(p.addressesFor(NotificationKind.CASE_CANCELLED, Channel.EMAIL)).containsExactly("pat@example.org");
    }

    @Test
    void anEmptyChoiceSilencesEveryExternalChannelButNotTheFeed() {
        ContactPreferences p = preferences(Map.of(NotificationKind.CASE_UPDATED, Set.of()));

        for (Channel channel : Channel.values()) {
            assertThat(p.addressesFor(NotificationKind.CASE_UPDATED, channel)).isEmpty();
        }
        assertThat(p.effectiveChannels().get(NotificationKind.CASE_UPDATED)).isEmpty();
    }

    @Test
    void aChannelWithoutContactPointSendsNothing() {
        ContactPreferences p = new ContactPreferences("patient1");
        p.replace(null, null, null, Map.of(), null, Instant.now());

        assertThat(p.addressesFor(NotificationKind.CASE_UPDATED, Channel.EMAIL)).isEmpty();
    }

    private static ContactPreferences preferences(Map<NotificationKind, Set<Channel>> channels) {
        ContactPreferences p = new ContactPreferences("patient1");
        p.replace("pat@example.org", "+14155550100", List.of("device-a", "device-b"), channels, null, Instant.now());
        return p;
    }
}
