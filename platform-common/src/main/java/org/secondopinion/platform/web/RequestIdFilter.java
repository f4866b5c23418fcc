package org.secondopinion.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code X-Request-Id} in Quarkus REST: taken from the caller (the gateway sets it) or made here, put on every log
 * line of the request through the MDC key {@code requestId}, and echoed in the response. The rule itself (which ids
 * are kept, how new ones are made) is {@link RequestIds} in platform-web, the same the gateway applies.
 */
public class RequestIdFilter {

    public static final String HEADER = RequestIds.HEADER;
    public static final String MDC_KEY = RequestIds.MDC_KEY;

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request) {
        String fromCaller = request.getHeaderString(HEADER);
        String id = RequestIds.acceptOrCreate(fromCaller);
        if (!id.equals(fromCaller)) {
            request.getHeaders().putSingle(HEADER, id);
        }
        MDC.put(MDC_KEY, id);
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getHeaderString(HEADER);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove(MDC_KEY);
    }

    /** The current request's id, for audit records and outgoing calls. */
    public static String current() {
        return RequestIds.current();
    }
}
