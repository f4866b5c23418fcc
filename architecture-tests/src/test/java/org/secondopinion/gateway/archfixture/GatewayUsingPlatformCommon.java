package org.secondopinion.gateway.archfixture;

import org.secondopinion.platform.outbox.Outbox;

/** Breaks "the gateway depends on platform-web only": gateway code using platform-common's outbox. */
public class GatewayUsingPlatformCommon {

    public void publishWith(Outbox outbox) {
        outbox.publish("topic", "type", "subject", "data");
    }
}
