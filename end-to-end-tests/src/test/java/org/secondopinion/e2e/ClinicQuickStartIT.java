package org.secondopinion.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

/** docs/CLINIC-QUICKSTART.md executed against the shared stack and its local issuer (see {@link ClinicQuickStart}). */
@ExtendWith(SharedStack.class)
class ClinicQuickStartIT {

    private static WebhookReceiver receiver;

    @BeforeAll
    static void setUp() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theQuickStartWorksAndEveryStatusChangeReachesTheClinicSigned() throws Exception {
        new ClinicQuickStart(SharedStack.stack(), receiver, Map.of())
                .theQuickStartWorksAndEveryStatusChangeReachesTheClinicSigned();
    }
}
