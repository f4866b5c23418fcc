package org.secondopinion.notification.delivery.messaging;

import org.secondopinion.notification.delivery.Channel;

/** An SMS or push gateway. {@code to} is a phone number (E.164) or a device token; {@code text} is PHI-free. */
public interface MessagingProvider {

    void send(Channel channel, String to, String text) throws Exception;
}
