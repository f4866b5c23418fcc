/**
 * How a routed event reaches people (DESIGN §6).
 * <ol>
 *   <li>{@code NotificationEventsConsumer} → {@link org.secondopinion.notification.delivery.NotificationDispatcher}
 *       inside the inbox transaction: routing gives intents, every {@link
 *       org.secondopinion.notification.delivery.DeliveryChannel} records its part — the feed row (always), and a
 *       {@link org.secondopinion.notification.delivery.Delivery} row per external channel the person switched on,
 *       unique per (event, recipient, channel).</li>
 *   <li>After commit, {@link org.secondopinion.notification.delivery.DeliveryQueue} (a platform work queue) sends due rows through a
 *       {@link org.secondopinion.notification.delivery.DeliverySender} (SMTP, or the SMS/push provider), retrying
 *       with exponential backoff until SENT or DEAD; coordinators hear about DEAD ones in their feed and read the
 *       log at {@code /api/v1/notifications/deliveries}.</li>
 *   <li>SMS and push wait out the person's quiet hours (the row's first attempt is scheduled after them).</li>
 * </ol>
 */
package org.secondopinion.notification.delivery;
