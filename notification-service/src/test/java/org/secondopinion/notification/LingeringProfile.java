package org.secondopinion.notification;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Long lingers, the delivery worker's and the event consumer's (1 s, so that tests of them do not depend on the
 * machine's speed), and the delivery sweep out of the way.
 */
public class LingeringProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("so.work.deliveries.linger", "1s", "so.work.deliveries.sweep-interval", "60s",
                "so.events.linger", "1s");
    }
}
