package org.secondopinion.notification.preferences;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.routing.NotificationKind;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request and response shapes of {@code /api/v1/notification-preferences}. */
public final class PreferencesDtos {

    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    static final String E164 = "^\\+[1-9][0-9]{6,14}$";

    private PreferencesDtos() {
    }

    /**
     * The whole set of preferences (PUT replaces, it does not merge).
     *
     * @param channels external channels (EMAIL, SMS, PUSH) per kind of message; kinds left out get e-mail only,
     *                 an empty list switches every external channel off for that kind. The feed is always on.
     */
    public record PreferencesRequest(
            @Email @Size(max = 254) String email,
            @Pattern(regexp = E164, message = "must be an E.164 number such as +14155550100") String phone,
            @Size(max = 10) List<@NotBlank @Size(max = 4096) String> pushTokens,
            Map<@NotNull NotificationKind, @NotNull Set<@NotNull Channel>> channels,
            @Valid QuietHoursDto quietHours) {
    }

    /** Local times {@code HH:mm} in an IANA time zone, e.g. 22:00–07:00 America/Los_Angeles. */
    public record QuietHoursDto(
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime start,
            @NotNull @JsonFormat(pattern = "HH:mm") LocalTime end,
            @NotBlank @Size(max = 64) String timeZone) {
    }

    public record PreferencesView(@Schema(nullable = true) String email, @Schema(nullable = true) String phone, List<String> pushTokens,
                                  Map<NotificationKind, Set<Channel>> channels, @Schema(nullable = true) QuietHoursDto quietHours,
                                  boolean inAppAlwaysOn, @Schema(nullable = true) Instant updatedAt) {

        static PreferencesView of(ContactPreferences p) {
            QuietHoursDto quiet = p.quietHours()
                    .map(q -> new QuietHoursDto(q.start(), q.end(), q.zone().getId())).orElse(null);
            return new PreferencesView(p.email, p.phone, List.copyOf(p.pushTokens), p.effectiveChannels(), quiet,
                    true, p.updatedAt());
        }
    }
}
