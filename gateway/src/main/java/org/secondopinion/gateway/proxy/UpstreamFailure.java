package org.secondopinion.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;
import org.secondopinion.gateway.metrics.GatewayMetrics.UpstreamFailureKind;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Maps why an upstream call failed to what the caller is told: unavailable (503), too slow (504), broken (502). */
public final class UpstreamFailure {

    private UpstreamFailure() {
    }

    public static int statusFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // netty's ConnectTimeoutException is a ConnectException: no connection at all means unavailable
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return 503;
            }
            if (t instanceof TimeoutException) {
                return 504;
            }
        }
        return 502;
    }

    /**
     * The kind of failure, for metrics: no connection (refused), no answer in time (timeout, a connect timeout
     * included), or a connection that broke mid-exchange (reset, everything else).
     */
    public static UpstreamFailureKind kindFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // netty's ConnectTimeoutException is a ConnectException, but it is a timeout to an operator
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
                return UpstreamFailureKind.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return UpstreamFailureKind.REFUSED;
            }
        }
        return UpstreamFailureKind.RESET;
    }
}
