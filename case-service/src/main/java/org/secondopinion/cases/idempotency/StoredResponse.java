package org.secondopinion.cases.idempotency;

import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The first answer to an idempotent request, kept so that a retry gets exactly the same answer. */
public record StoredResponse(int status, String contentType, String body, String location) {

    public Response toResponse(boolean replayed) {
        Response.ResponseBuilder answer = Response.status(status).type(contentType).entity(body);
        if (location != null) {
            answer.location(URI.create(location));
        }
        if (replayed) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }
}
