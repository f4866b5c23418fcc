package org.secondopinion.matching;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.secondopinion.infra.testing.PlatformTestResource;

/** The module's one declaration of shared test resources: real PostgreSQL + Kafka, and the OIDC test issuer. */
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "matching_db"))
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
public class TestInfrastructure {
}
