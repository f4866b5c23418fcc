package org.secondopinion.notification;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.secondopinion.infra.testing.GreenMailTestResource;
import org.secondopinion.infra.testing.PlatformTestResource;

/**
 * The module's one declaration of shared test resources: real PostgreSQL + Kafka, the OIDC test issuer,
 * and a real SMTP server (GreenMail).
 */
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "notification_db"))
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.GLOBAL)
public class TestInfrastructure {
}
