package org.secondopinion.gateway.proxy;

import io.vertx.core.MultiMap;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Header rules of a reverse proxy (RFC 9110 §7.6): what is stripped between hops and what the gateway adds. */
public final class ProxyHeaders {

    /** Meaningful for one connection only, never forwarded in either direction. */
    static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private ProxyHeaders() {
    }

    /** Removes hop-by-hop headers, including those the sender named in its {@code Connection} header. */
    public static void stripHopByHop(MultiMap headers) {
        for (String connection : headers.getAll("connection")) {
            Arrays.stream(connection.split(","))
                    .map(token -> token.trim().toLowerCase(Locale.ROOT))
                    .filter(token -> !token.isEmpty())
                    .forEach(headers::remove);
        }
        HOP_BY_HOP.forEach(headers::remove);
    }

    /**
     * Prepares the headers of a request going upstream. Authorization passes unchanged so every service
     * authenticates again; {@code X-Forwarded-For} is appended to (the last entry is the one the gateway saw),
     * proto and host describe the gateway's own listener.
     */
    public static void prepareUpstreamRequest(MultiMap headers, String requestId, String clientAddress,
                                              String scheme, String host) {
        stripHopByHop(headers);
        headers.set("X-Request-Id", requestId);
        String forwardedFor = headers.get("X-Forwarded-For");
        if (clientAddress != null) {
            headers.set("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank()
                    ? clientAddress : forwardedFor + ", " + clientAddress);
        }
        headers.set("X-Forwarded-Proto", scheme);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
    }
}
