package org.secondopinion.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import org.junit.jupiter.api.Test;
import org.secondopinion.gateway.metrics.GatewayMetrics.UpstreamFailureKind;

import java.net.ConnectException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFailureTest {

    @Test
    void noConnectionMeansUnavailable() {
        assertThat(UpstreamFailure.statusFor(new ConnectException("Connection refused"))).isEqualTo(503);
        assertThat(UpstreamFailure.statusFor(new ConnectTimeoutException("connect timed out"))).isEqualTo(503);
        assertThat(UpstreamFailure.statusFor(new UnknownHostException("case-service"))).isEqualTo(503);
    }

    @Test
    void silenceMeansGatewayTimeout() {
        assertThat(UpstreamFailure.statusFor(new NoStackTraceTimeoutException("idle"))).isEqualTo(504);
        assertThat(UpstreamFailure.statusFor(new VertxException(new NoStackTraceTimeoutException("idle"))))
                .isEqualTo(504);
    }

    @Test
    void anythingElseIsABadGateway() {
        assertThat(UpstreamFailure.statusFor(new VertxException("Connection was closed"))).isEqualTo(502);
    }

    @Test
    void failuresAreCountedByKind() {
        assertThat(UpstreamFailure.kindFor(new ConnectException("Connection refused")))
                .isEqualTo(UpstreamFailureKind.REFUSED);
        assertThat(UpstreamFailure.kindFor(new UnknownHostException("case-service")))
                .isEqualTo(UpstreamFailureKind.REFUSED);
        assertThat(UpstreamFailure.kindFor(new ConnectTimeoutException("connect timed out")))
                .isEqualTo(UpstreamFailureKind.TIMEOUT);
        assertThat(UpstreamFailure.kindFor(new VertxException(new NoStackTraceTimeoutException("idle"))))
                .isEqualTo(UpstreamFailureKind.TIMEOUT);
        assertThat(UpstreamFailure.kindFor(new VertxException("Connection was closed")))
                .isEqualTo(UpstreamFailureKind.RESET);
    }
}
