package org.secondopinion.notification;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Settings an operator changes from the test defaults, in one profile so that their tests share one start of the
 * service (each profile is a restart: ~20 s of CI time). They touch separate features, and each test uses its own
 * clinic or consult:
 * <ul>
 * <li>consult reminders 3 days and 30 minutes ahead ({@code ConfiguredLeadTimesTest});</li>
 * <li>the production webhook egress, which refuses private addresses: every other test delivers to a receiver on
 * 127.0.0.1, so the test defaults allow them ({@code WebhookEgressTest});</li>
 * <li>a quota of {@value #WEBHOOK_REGISTRATIONS} webhook registrations a day per clinic, under the live limit of 10
 * ({@code WebhookRegistrationQuotaTest}).</li>
 * </ul>
 */
public class OperatorSettingsProfile implements QuarkusTestProfile {

    public static final int WEBHOOK_REGISTRATIONS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("so.consult-reminders.lead-times", "P3D,PT30M",
                "so.webhooks.allow-private-addresses", "false",
                "so.quotas.webhook-registrations.limit", Integer.toString(WEBHOOK_REGISTRATIONS));
    }
}
