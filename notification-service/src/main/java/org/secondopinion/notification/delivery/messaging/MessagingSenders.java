package org.secondopinion.notification.delivery.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.secondopinion.notification.delivery.Channel;
import org.secondopinion.notification.delivery.Delivery;
import org.secondopinion.notification.delivery.DeliverySender;

/**
 * SMS and push through the configured {@link MessagingProvider}: {@code so.messaging.provider=local} (default,
 * records only) or {@code http}. Push goes to every device token of the person; any failure fails the delivery.
 */
public final class MessagingSenders {

    private MessagingSenders() {
    }

    @ApplicationScoped
    public static class Providers {
        private final MessagingProvider chosen;

        public Providers(@ConfigProperty(name = "so.messaging.provider", defaultValue = "local") String kind,
                         LocalMessagingProvider local, HttpMessagingProvider http) {
            this.chosen = switch (kind) {
                case "local" -> local;
                case "http" -> http;
                default -> throw new IllegalStateException("so.messaging.provider must be local or http, not " + kind);
            };
        }

        void send(Channel channel, Delivery delivery) throws Exception {
            for (String to : delivery.addresses) {
                chosen.send(channel, to, delivery.text);
            }
        }
    }

    @ApplicationScoped
    public static class Sms implements DeliverySender {
        private final Providers providers;

        public Sms(Providers providers) {
            this.providers = providers;
        }

        @Override
        public Channel channel() {
            return Channel.SMS;
        }

        @Override
        public void send(Delivery delivery) throws Exception {
            providers.send(Channel.SMS, delivery);
        }
    }

    @ApplicationScoped
    public static class Push implements DeliverySender {
        private final Providers providers;

        public Push(Providers providers) {
            this.providers = providers;
        }

        @Override
        public Channel channel() {
            return Channel.PUSH;
        }

        @Override
        public void send(Delivery delivery) throws Exception {
            providers.send(Channel.PUSH, delivery);
        }
    }
}
