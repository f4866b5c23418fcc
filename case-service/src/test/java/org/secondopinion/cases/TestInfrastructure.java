package org.secondopinion.cases;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.secondopinion.infra.testing.GreenMailTestResource;
import org.secondopinion.infra.testing.PlatformTestResource;

/** This module's one declaration of its test infrastructure: real PostgreSQL, Kafka and OIDC issuer. */
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "case_db"))
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.GLOBAL)
public class TestInfrastructure {
}
