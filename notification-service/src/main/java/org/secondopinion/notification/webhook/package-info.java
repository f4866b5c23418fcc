/**
 * Clinic webhooks (DESIGN §6, docs/WEBHOOKS.md).
 * <ol>
 *   <li>{@link org.secondopinion.notification.webhook.WebhookResource}: a clinic registers, lists and deletes its
 *       URLs and reads each one's delivery history; the signing secret is shown once.</li>
 *   <li>{@link org.secondopinion.notification.webhook.ReferralWebhooks}, in the inbox transaction of every case and
 *       matching event: {@code case.referred} creates the {@link org.secondopinion.notification.webhook.ClinicReferral}
 *       projection; that and later events of the case ({@link org.secondopinion.notification.webhook.ReferralEvents})
 *       become one {@link org.secondopinion.notification.webhook.WebhookDelivery} per live webhook of the clinic,
 *       unique per (webhook, event), when they are news. A consumed batch asks once which of its cases are
 *       referrals, so a patient's own case costs its events no lookup.</li>
 *   <li>After commit, {@link org.secondopinion.notification.webhook.WebhookQueue} (a platform work queue) POSTs them, signed by
 *       {@link org.secondopinion.notification.webhook.WebhookSigner} with the secret
 *       {@link org.secondopinion.notification.webhook.WebhookSecrets} opens (stored sealed, AES-256-GCM), one
 *       referral's callbacks to a webhook in order,
 *       retrying with exponential backoff until SENT or DEAD. Only public addresses are ever called
 *       ({@link org.secondopinion.notification.webhook.PublicAddresses}): IP literals and localhost that point
 *       inside are refused at registration, and a host resolving inside ends its delivery DEAD unsent.</li>
 * </ol>
 */
package org.secondopinion.notification.webhook;
