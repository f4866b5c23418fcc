package org.secondopinion.gateway.edge;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.secondopinion.platform.problem.ProblemBody;
import org.secondopinion.platform.web.RequestIds;

/**
 * RFC 9457 answers the gateway gives itself (the services write their own): the platform's {@link ProblemBody}
 * shape, plus {@code requestId} so a caller can quote it when an upstream failed.
 */
public record Problem(int status, String title, String detail, String instance, String requestId) {

    public static Problem unauthorized(String detail, String path, String requestId) {
        return new Problem(401, "Unauthorized", detail, path, requestId);
    }

    public static Problem forbidden(String detail, String path, String requestId) {
        return new Problem(403, "Forbidden", detail, path, requestId);
    }

    public static Problem uriTooLong(int maxLength, String path, String requestId) {
        return new Problem(414, "URI Too Long",
                "the request line (method, path and query) may be at most " + maxLength + " characters", path,
                requestId);
    }

    public static Problem notFound(String path, String requestId) {
        return new Problem(404, "Not Found", "no API resource at this path", path, requestId);
    }

    public static Problem tooManyRequests(long retryAfterSeconds, String path, String requestId) {
        return new Problem(429, "Too Many Requests",
                "request rate limit reached: retry after " + retryAfterSeconds + " s", path, requestId);
    }

    public static Problem payloadTooLarge(long maxBytes, String path, String requestId) {
        return new Problem(413, "Content Too Large", "the request body is larger than " + maxBytes + " bytes",
                path, requestId);
    }

    /** The breaker refuses without calling: same status as a down upstream, and it says why it was quick. */
    public static Problem circuitOpen(String upstream, String path, String requestId) {
        return new Problem(503, "Service Unavailable",
                upstream + " is failing and calls are paused for a moment: try again shortly", path, requestId);
    }

    public static Problem upstreamFailed(int status, String upstream, String path, String requestId) {
        String detail = switch (status) {
            case 503 -> upstream + " is unavailable: try again shortly";
            case 504 -> upstream + " did not answer in time";
            default -> upstream + " failed to give a valid answer";
        };
        String title = switch (status) {
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Bad Gateway";
        };
        return new Problem(status, title, detail, path, requestId);
    }

    public JsonObject toJson() {
        return new JsonObject(ProblemBody.of(status, title, detail, instance)).put("requestId", requestId);
    }

    /** Writes this problem unless the response has already started (then the connection is the only signal left). */
    public void send(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", ProblemBody.CONTENT_TYPE)
                .putHeader(RequestIds.HEADER, requestId);
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().end(toJson().encode());
    }
}
