package org.secondopinion.notification.routing;

import java.util.Objects;

/**
 * "Tell {@code recipient} this": the channel-independent outcome of routing one event. Each delivery channel
 * (in-app today; e-mail, SMS, push later) turns it into its own delivery.
 *
 * @param recipient     a user's token {@code sub}, or {@code role:<role>} for everyone holding that role
 * @param caseReference the human case reference (e.g. SO-2026-000123), the only case detail a text may carry
 * @param text          PHI-free text: no names, diagnoses or procedures
 */
public record NotificationIntent(String recipient, NotificationKind kind, String caseReference, String text) {

    public static final String ROLE_PREFIX = "role:";

    public NotificationIntent {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static String role(String role) {
        return ROLE_PREFIX + role;
    }
}
