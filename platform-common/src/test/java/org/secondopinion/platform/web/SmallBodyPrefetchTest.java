package org.secondopinion.platform.web;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmallBodyPrefetchTest {

    @Test
    void smallDeclaredJsonBodiesAreReadBeforeTheEndpointRuns() {
        assertThat(SmallBodyPrefetch.worthPrefetching(HttpMethod.POST, "420", "application/json")).isTrue();
        assertThat(SmallBodyPrefetch.worthPrefetching(HttpMethod.PATCH, "90", "application/merge-patch+json")).isTrue();
        assertThat(SmallBodyPrefetch.worthPrefetching(HttpMethod.PUT, "90", null)).isTrue();
    }

    @Test
    void uploadsBigBodiesAndBodiesOfUnknownLengthKeepStreaming() {
        assertThat(SmallBodyPrefetch.worthPrefetching(HttpMethod.POST, "2048", "multipart/form-data; boundary=x"))
                .isFalse();
        assertThat(SmallBodyPrefetch.worthPrefetching(HttpMethod.POST,
                Long.toString(SmallBodyPrefetch.MAX_PREFETCH + 1), "application/json")).isFalse();
        assertThat(SmallBodyPrefetch.worthPrefetching(HttpMethod.POST, null, "application/json")).isFalse();
        assertThat(SmallBodyPrefetch.worthPrefetching(HttpMethod.GET, "10", "application/json")).isFalse();
    }
}
