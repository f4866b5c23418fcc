package org.secondopinion.infra.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts {@link OpenApiContractFilter} in front of every REST Assured request of every {@code @QuarkusTest} of a
 * module that has embedded-infra on its test classpath (registered through {@code META-INF/services}), so each
 * service's whole suite holds its live OpenAPI document to its real answers. Before each test, because a test may
 * {@code RestAssured.reset()}.
 */
public class OpenApiContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!"off".equals(OpenApiContractFilter.mode())
                && !RestAssured.filters().contains(OpenApiContractFilter.INSTANCE)) {
            RestAssured.filters(OpenApiContractFilter.INSTANCE);
        }
    }
}
