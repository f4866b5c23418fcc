package org.secondopinion.gateway.proxy;

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
}
