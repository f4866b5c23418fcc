package org.secondopinion.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoIdentitiesTest {

    @Test
    void issuerConfigMapsEveryUserByUsernameAndEveryClinicByClientId() throws Exception {
        JsonNode config = new ObjectMapper().readTree(DemoIdentities.issuerConfigJson());
        JsonNode callback = config.path("tokenCallbacks").get(0);

        assertThat(callback.path("issuerId").asText()).isEqualTo("second-opinion");
        JsonNode mappings = callback.path("requestMappings");
        assertThat(mappings).hasSize(8);
        assertThat(mappings.get(0).path("requestParam").asText()).isEqualTo("username");
        assertThat(mappings.get(0).path("match").asText()).isEqualTo("patient1");
        assertThat(mappings.get(7).path("requestParam").asText()).isEqualTo("client_id");
        assertThat(mappings.get(7).path("claims").path("clinic_id").asText()).isEqualTo("clinic2");
        assertThat(mappings.get(7).path("claims").path("azp").asText()).isEqualTo("clinic2");
    }

    @Test
    void tokenEndpointFollowsTheIssuerKind() {
        assertThat(TokenClient.tokenEndpoint("http://127.0.0.1:8090/second-opinion"))
                .isEqualTo("http://127.0.0.1:8090/second-opinion/token");
        assertThat(TokenClient.tokenEndpoint("http://127.0.0.1:8180/realms/second-opinion/"))
                .isEqualTo("http://127.0.0.1:8180/realms/second-opinion/protocol/openid-connect/token");
    }

    @Test
    void serviceNamesAcceptTheShortForm() {
        assertThat(StackService.of("case")).isEqualTo(StackService.CASE);
        assertThat(StackService.of("gateway")).isEqualTo(StackService.GATEWAY);
        assertThat(StackService.GATEWAY.database()).isEmpty();
        assertThat(StackService.NOTIFICATION.upstreamUrlVariable()).isEqualTo("SO_NOTIFICATION_SERVICE_URL");
    }
}
