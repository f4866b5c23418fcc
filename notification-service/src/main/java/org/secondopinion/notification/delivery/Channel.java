package org.secondopinion.notification.delivery;

/**
 * Ways a notification reaches a person. Part of every delivery's unique key (event, recipient, channel), so each
 * channel delivers an event to a person at most once. IN_APP is the feed (always on); the others are external and
 * go through the delivery table and its worker. Clinic webhooks are not a channel to a person: they have their own
 * table, key (webhook, event) and worker in the {@code webhook} package.
 */
public enum Channel {
    IN_APP,
    EMAIL,
    SMS,
    PUSH;

    public boolean external() {
        return this != IN_APP;
    }

    /** SMS and push wake people up; e-mail and the feed wait in an inbox, so quiet hours do not hold them. */
    public boolean respectsQuietHours() {
        return this == SMS || this == PUSH;
    }
}
