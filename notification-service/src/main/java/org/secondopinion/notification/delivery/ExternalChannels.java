package org.secondopinion.notification.delivery;

import jakarta.inject.Singleton;
import org.secondopinion.platform.work.Workers;

import java.time.Clock;

/** The three external channels as beans (singletons: no proxy needed for stateless channels); {@link NotificationDispatcher} hands every intent to each. */
public final class ExternalChannels {

    private ExternalChannels() {
    }

    @Singleton
    public static class Email extends ExternalChannel {
        public Email(DeliveryRepository d, Workers w, Clock c) {
            super(d, w, c);
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }
    }

    @Singleton
    public static class Sms extends ExternalChannel {
        public Sms(DeliveryRepository d, Workers w, Clock c) {
            super(d, w, c);
        }

        @Override
        public Channel channel() {
            return Channel.SMS;
        }
    }

    @Singleton
    public static class Push extends ExternalChannel {
        public Push(DeliveryRepository d, Workers w, Clock c) {
            super(d, w, c);
        }

        @Override
        public Channel channel() {
            return Channel.PUSH;
        }
    }
}
