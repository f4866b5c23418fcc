package org.secondopinion.gateway.proxy;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyHeadersTest {

    @Test
    void hopByHopHeadersAndTheOnesNamedInConnectionAreRemoved() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "keep-alive, X-Private")
                .add("X-Private", "1")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Authorization", "Basic x")
                .add("TE", "trailers")
                .add("Upgrade", "h2c")
                .add("Authorization", "Bearer t")
                .add("Content-Type", "application/json");

        ProxyHeaders.stripHopByHop(headers);

        assertThat(headers.names()).containsExactlyInAnyOrder("Authorization", "Content-Type");
    }

    @Test
    void upstreamRequestGetsRequestIdAndForwardedHeadersAndKeepsAuthorization() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer t")
                .add("X-Request-Id", "from-caller-but-unsafe id");

        ProxyHeaders.prepareUpstreamRequest(headers, "r-1", "10.0.0.5", "https", "api.example.org");

        assertThat(headers.get("Authorization")).isEqualTo("Bearer t");
        assertThat(headers.getAll("X-Request-Id")).containsExactly("r-1");
        assertThat(headers.get("X-Forwarded-For")).isEqualTo("10.0.0.5");
        assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(headers.get("X-Forwarded-Host")).isEqualTo("api.example.org");
    }

    @Test
    void forwardedForChainIsAppendedTo() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", "203.0.113.7");

        ProxyHeaders.prepareUpstreamRequest(headers, "r-1", "10.0.0.5", "http", "localhost");

        assertThat(headers.get("X-Forwarded-For")).isEqualTo("203.0.113.7, 10.0.0.5");
    }
}
