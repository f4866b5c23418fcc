package org.secondopinion.specialist.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.secondopinion.infra.testing.StrictRequestsContract;

/** The platform's request-parsing rules over every operation of specialist-service (see {@link StrictRequestsContract}). */
@QuarkusTest
class StrictRequestsTest extends StrictRequestsContract {
}
