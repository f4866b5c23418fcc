package org.secondopinion.gateway.edge;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    @Test
    void upstreamFailureNamesTheServiceAndCarriesTheRequestId() {
        JsonObject body = Problem.upstreamFailed(504, "case-service", "/api/v1/cases", "r-1").toJson();

        assertThat(body.getString("type")).isEqualTo("about:blank");
        assertThat(body.getString("title")).isEqualTo("Gateway Timeout");
        assertThat(body.getInteger("status")).isEqualTo(504);
        assertThat(body.getString("detail")).contains("case-service");
        assertThat(body.getString("instance")).isEqualTo("/api/v1/cases");
        assertThat(body.getString("requestId")).isEqualTo("r-1");
    }

    @Test
    void eachUpstreamStatusHasItsOwnTitle() {
        assertThat(Problem.upstreamFailed(503, "s", "/p", "r").title()).isEqualTo("Service Unavailable");
        assertThat(Problem.upstreamFailed(502, "s", "/p", "r").title()).isEqualTo("Bad Gateway");
        assertThat(Problem.unauthorized("no token", "/p", "r").status()).isEqualTo(401);
        assertThat(Problem.notFound("/p", "r").status()).isEqualTo(404);
    }
}
