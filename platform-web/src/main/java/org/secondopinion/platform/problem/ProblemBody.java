package org.secondopinion.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RFC 9457 problem shape every refusal of the platform has, whoever writes it: the services' exception mappers
 * and request filters (Quarkus REST, platform-common), their Vert.x routes that refuse before Quarkus REST runs
 * ({@code BodySizeLimit}, {@code RequestLineLimit}) and the gateway's own answers. Members in this order:
 * {@code type} (always {@code about:blank}: the status and title say it all), {@code title}, {@code status},
 * {@code detail}, {@code instance} (the request path); a writer adds its extensions after them (e.g.
 * {@code violations}, {@code currentState}, the gateway's {@code requestId}).
 */
public final class ProblemBody {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE = "about:blank";

    private ProblemBody() {
    }

    /** A problem body (type, title, status, detail, instance), mutable so that the writer can add extensions. */
    public static Map<String, Object> of(int status, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }
}
