package org.secondopinion.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The gateway's test infrastructure, declared once: the real OIDC test issuer (tokens from TestTokens) and small
 * Vert.x upstreams standing in for the services. No database or broker: the gateway has neither.
 */
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = UpstreamsTestResource.class, scope = TestResourceScope.GLOBAL)
public class TestInfrastructure {
}
