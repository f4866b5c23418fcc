package org.secondopinion.notification.preferences;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.ReadOnlyMode;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.preferences.PreferencesDtos.PreferencesRequest;
import org.secondopinion.notification.preferences.PreferencesDtos.PreferencesView;
import org.secondopinion.notification.preferences.PreferencesDtos.QuietHoursDto;
import org.secondopinion.notification.routing.NotificationIntent;
import org.secondopinion.notification.routing.NotificationKind;
import org.secondopinion.platform.security.Roles;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.tx.BatchAnswers;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A person's own contact points and channel choices; nobody reads or writes another person's. */
@ApplicationScoped
public class PreferencesService {

    private final EntityManager em;
    private final Clock clock;
    /** The preferences a consumed batch read for its recipients at once (null: that person saved none). */
    private final BatchAnswers<String, ContactPreferences> lookedUp;

    public PreferencesService(EntityManager em, Clock clock, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.clock = clock;
        this.lookedUp = new BatchAnswers<>(transactions);
    }

    /** The stored preferences, or the defaults (no contact points, e-mail for every kind) for a newcomer. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PreferencesView view(String userId) {
        return PreferencesView.of(find(userId).orElseGet(() -> new ContactPreferences(userId)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ContactPreferences> find(String userId) {
        return Optional.ofNullable(em.find(ContactPreferences.class, userId));
    }

    /**
     * The people behind a recipient: the user, or for {@code role:coordinator} every coordinator who saved. Read
     * only (routing never changes them): Hibernate then keeps no snapshot of the JSON columns, which it would copy by
     * serialising on load and serialise again to compare at every flush of the consumer's transaction.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ContactPreferences> reachable(String recipient) {
        if (recipient.equals(NotificationIntent.role(Roles.COORDINATOR))) {
            return em.createQuery("FROM ContactPreferences p WHERE p.coordinator = true ORDER BY p.userId",
                    ContactPreferences.class).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
        }
        if (recipient.startsWith(NotificationIntent.ROLE_PREFIX)) {
            return List.of();
        }
        ContactPreferences preferences = lookedUp.get(recipient, userId -> em.find(ContactPreferences.class, userId,
                Map.of(HibernateHints.HINT_READ_ONLY, true)));
        return preferences == null ? List.of() : List.of(preferences);
    }

    /**
     * Reads the preferences of every user among {@code recipients} in one query (read only, as {@link #reachable}),
     * for the rest of the transaction: {@link #reachable} then asks the database nothing for them, not even for
     * a person who saved none, which a session would ask again each time. Role addresses are left to
     * {@link #reachable}.
     */
    public void lookUp(Collection<String> recipients) {
        List<String> userIds = recipients.stream().filter(r -> !r.startsWith(NotificationIntent.ROLE_PREFIX))
                .distinct().toList();
        if (userIds.isEmpty()) {
            return;
        }
        Map<String, ContactPreferences> found = new HashMap<>();
        for (ContactPreferences preferences : em.unwrap(Session.class).findMultiple(ContactPreferences.class,
                userIds, ReadOnlyMode.READ_ONLY)) {
            if (preferences != null) {
                found.put(preferences.userId, preferences);
            }
        }
        lookedUp.record(userIds, found);
    }

    @Transactional
    public PreferencesView replace(String userId, boolean coordinator, @NotNull @Valid PreferencesRequest request) {
        Map<NotificationKind, Set<Channel>> channels = request.channels() == null ? Map.of() : request.channels();
        channels.forEach((kind, chosen) -> checkChannels(request, kind, chosen));
        QuietHours quiet = quietHours(request.quietHours());

        Optional<ContactPreferences> existing = find(userId);
        ContactPreferences preferences = existing.orElseGet(() -> new ContactPreferences(userId));
        preferences.replace(blankToNull(request.email()), blankToNull(request.phone()), request.pushTokens(),
                channels, quiet, Instant.now(clock));
        preferences.coordinator = coordinator;
        if (existing.isEmpty()) {
            em.persist(preferences);
        }
        return PreferencesView.of(preferences);
    }

    /** A channel chosen explicitly must be reachable: switching SMS on without a phone is a mistake to point out. */
    private static void checkChannels(PreferencesRequest request, NotificationKind kind, Set<Channel> chosen) {
        String field = "channels." + kind;
        for (Channel channel : chosen) {
            switch (channel) {
                case IN_APP -> throw new InvalidFieldProblem(field, "IN_APP is always on and cannot be chosen");
                case EMAIL -> require(request.email() != null && !request.email().isBlank(), "email",
                        "is required while EMAIL is on for " + kind);
                case SMS -> require(request.phone() != null && !request.phone().isBlank(), "phone",
                        "is required while SMS is on for " + kind);
                case PUSH -> require(request.pushTokens() != null && !request.pushTokens().isEmpty(), "pushTokens",
                        "needs at least one device token while PUSH is on for " + kind);
            }
        }
    }

    private static QuietHours quietHours(QuietHoursDto dto) {
        if (dto == null) {
            return null;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(dto.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidFieldProblem("quietHours.timeZone", "is not a known time zone, e.g. America/New_York");
        }
        if (dto.start().equals(dto.end())) {
            throw new InvalidFieldProblem("quietHours.end", "must differ from quietHours.start");
        }
        return new QuietHours(dto.start(), dto.end(), zone);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidFieldProblem(field, message);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
