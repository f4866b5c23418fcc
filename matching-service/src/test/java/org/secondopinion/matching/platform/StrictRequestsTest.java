package org.secondopinion.matching.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.secondopinion.infra.testing.StrictRequestsContract;

/** The platform's request-parsing rules over every operation of matching-service (see {@link StrictRequestsContract}). */
@QuarkusTest
class StrictRequestsTest extends StrictRequestsContract {
}
