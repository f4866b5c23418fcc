package org.secondopinion.notification.delivery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.secondopinion.notification.delivery.Channel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Development stand-in for the SMS/push gateway: records what it would send (for tests and the local stack) and
 * logs that it did, without the number or the text.
 */
@ApplicationScoped
public class LocalMessagingProvider implements MessagingProvider {

    private static final Logger LOG = Logger.getLogger(LocalMessagingProvider.class);
    private static final int KEEP = 1000;

    public record Sent(Channel channel, String to, String text) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Channel channel, String to, String text) {
        if (sent.size() >= KEEP) {
            sent.remove(0);
        }
        sent.add(new Sent(channel, to, text));
        LOG.infof("local %s provider: recorded a message (%d characters)", channel, text.length());
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }
}
