package org.secondopinion.notification.preferences;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A person's contact points and what they want to hear where. The in-app feed is not a choice: always on. */
@Entity
@Table(name = "contact_preferences")
public class ContactPreferences {

    /** What a kind gets when the person has not chosen: e-mail, the least intrusive external channel. */
    public static final Set<Channel> DEFAULT_CHANNELS = Set.of(Channel.EMAIL);

    @Id
    @Column(name = "user_id", length = 200)
    public String userId;

    @Column(length = 254)
    public String email;

    @Column(length = 16)
    public String phone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "push_tokens", nullable = false)
    public List<String> pushTokens = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<NotificationKind, Set<Channel>> channels = new HashMap<>();

    /** Private: the three quiet-hours columns are set together ({@link #replace}) and read as {@link #quietHours}. */
    @Column(name = "quiet_start")
    private LocalTime quietStart;

    @Column(name = "quiet_end")
    private LocalTime quietEnd;

    @Column(name = "quiet_time_zone", length = 64)
    private String quietTimeZone;

    /** Private: {@link #replace} sets it. */
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /**
     * Held the coordinator role at the last save: hears role:coordinator items on external channels too. Roles live
     * in the token, not here: each save records whether the person is (still) a coordinator.
     */
    @Column(nullable = false)
    public boolean coordinator;

    protected ContactPreferences() {
    }

    public ContactPreferences(String userId) {
        this.userId = userId;
    }

    /** Replaces everything; the caller has validated the values. */
    public void replace(String email, String phone, List<String> pushTokens, Map<NotificationKind, Set<Channel>> channels,
                        QuietHours quietHours, Instant now) {
        this.email = email;
        this.phone = phone;
        this.pushTokens = pushTokens == null ? new ArrayList<>() : new ArrayList<>(pushTokens);
        this.channels = channels == null ? new HashMap<>() : new HashMap<>(channels);
        this.quietStart = quietHours == null ? null : quietHours.start();
        this.quietEnd = quietHours == null ? null : quietHours.end();
        this.quietTimeZone = quietHours == null ? null : quietHours.zone().getId();
        this.updatedAt = now;
    }

    /** The external channels switched on for {@code kind} (chosen, or the default). */
    public Set<Channel> channelsFor(NotificationKind kind) {
        Set<Channel> chosen = channels.get(kind);
        return chosen == null ? DEFAULT_CHANNELS : chosen;
    }

    /**
     * Where to send {@code kind} on {@code channel}: empty when the channel is off for that kind or the person left
     * no contact point for it (nothing to send, not a failure).
     */
    public List<String> addressesFor(NotificationKind kind, Channel channel) {
        if (!channel.external() || !channelsFor(kind).contains(channel)) {
            return List.of();
        }
        return switch (channel) {
            case EMAIL -> email == null ? List.of() : List.of(email);
            case SMS -> phone == null ? List.of() : List.of(phone);
            case PUSH -> List.copyOf(pushTokens);
            case IN_APP -> List.of();
        };
    }

    public Optional<QuietHours> quietHours() {
        if (quietStart == null || quietEnd == null || quietTimeZone == null) {
            return Optional.empty();
        }
        return Optional.of(new QuietHours(quietStart, quietEnd, ZoneId.of(quietTimeZone)));
    }

    /** Every kind with its effective channels, so a client shows the defaults as well as the choices. */
    public Map<NotificationKind, Set<Channel>> effectiveChannels() {
        Map<NotificationKind, Set<Channel>> all = new java.util.EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            Set<Channel> set = channelsFor(kind);
            all.put(kind, set.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(set));
        }
        return all;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
