package org.secondopinion.notification.delivery;

/** Sends one delivery over one external channel; throwing means "failed, may be retried". Called outside any transaction. */
public interface DeliverySender {

    Channel channel();

    void send(Delivery delivery) throws Exception;
}
