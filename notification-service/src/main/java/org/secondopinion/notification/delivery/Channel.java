package org.secondopinion.notification.delivery;

/**
 * Ways a notification reaches a person. Part of every delivery's unique key (event, recipient, channel), so each
 * channel delivers an event to a person at most once. E-mail, SMS, push and webhooks join here in a later issue.
 */
public enum Channel {
    IN_APP
}
