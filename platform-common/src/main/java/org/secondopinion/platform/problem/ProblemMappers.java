package org.secondopinion.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RFC 9457 bodies for what the quarkus-resteasy-problem extension does not know about: our domain refusals,
 * lost optimistic-lock races, and JSON that does not fit the DTO (named down to the offending field, which the
 * framework's default answer does not do). Everything else (validation, 401/403/404, unexpected errors without a
 * stack trace) is the extension's.
 */
public class ProblemMappers {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json"); // ProblemBody.CONTENT_TYPE

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        Map<String, Object> body = body(e.status(), e.title(), e.getMessage(), uri);
        body.putAll(e.extensions());
        Response.ResponseBuilder response = Response.status(e.status()).type(PROBLEM_JSON).entity(body);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response staleVersion(RuntimeException e, UriInfo uri) {
        return Response.status(409).type(PROBLEM_JSON).entity(body(409, "Conflict",
                "the object was changed by someone else meanwhile: read it again and retry", uri)).build();
    }

    @ServerExceptionMapper(value = {InvalidFormatException.class, MismatchedInputException.class,
            ValueInstantiationException.class, JsonMappingException.class}, priority = 1)
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? "must be a valid " + simpleTypeName(mismatch.getTargetType())
                : "is not readable";
        if (field.isEmpty() && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return bodyNotReadable("the request body must be one JSON value with nothing after it", uri);
        }
        if (e.getCause() instanceof JsonParseException parse) {
            // broken bytes inside a value (e.g. not UTF-8): a syntax problem of the body, located by the field
            Map<String, Object> body = body(400, "Bad Request", parseFailure(parse), uri);
            body.put("violations", List.of(Map.of("field", field.isEmpty() ? "body" : field, "in", "body",
                    "message", parseFailure(parse))));
            return Response.status(400).type(PROBLEM_JSON).entity(body).build();
        }
        Map<String, Object> body = body(400, "Bad Request",
                field.isEmpty() ? "the request body is not valid JSON for this operation" : field + " " + message, uri);
        if (!field.isEmpty()) {
            body.put("violations", List.of(Map.of("field", field, "in", "body", "message", message)));
        }
        return Response.status(400).type(PROBLEM_JSON).entity(body).build();
    }

    /**
     * Bytes that are not JSON at all (or not UTF-8): the framework's default answer names nothing. The detail says
     * what is wrong with the body and where, never echoing the bytes.
     */
    @ServerExceptionMapper(value = JsonParseException.class, priority = 1)
    public Response unparsableJson(JsonParseException e, UriInfo uri) {
        return bodyNotReadable(parseFailure(e), uri);
    }

    static String parseFailure(JsonParseException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (message.contains("UTF-8") || message.contains("UTF8") || message.contains("Invalid UTF")) {
            return "the request body is not valid UTF-8 JSON" + where;
        }
        return "the request body is not valid JSON" + where;
    }

    private static Response bodyNotReadable(String detail, UriInfo uri) {
        Map<String, Object> body = body(400, "Bad Request", detail, uri);
        body.put("violations", List.of(Map.of("field", "body", "in", "body", "message", detail)));
        return Response.status(400).type(PROBLEM_JSON).entity(body).build();
    }

    /**
     * 401 with a Bearer challenge. Mapped here because quarkus-resteasy-problem 3.21's own security mappers fail on
     * Quarkus 3.33 ({@code NoSuchFieldError: headerName}) and would turn a missing token into a 500.
     */
    @ServerExceptionMapper(value = {AuthenticationFailedException.class, UnauthorizedException.class}, priority = 1)
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.status(401).type(PROBLEM_JSON).header("WWW-Authenticate", "Bearer")
                .entity(body(401, "Unauthorized", "a valid bearer token is required", uri)).build();
    }

    @ServerExceptionMapper(value = ForbiddenException.class, priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(PROBLEM_JSON)
                .entity(body(403, "Forbidden", "your role does not allow this operation", uri)).build();
    }

    private static String simpleTypeName(Class<?> type) {
        if (type.isEnum()) {
            return "value, one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return type.getSimpleName().replaceAll("(Request|Dto)$", "") + " value";
    }

    static Map<String, Object> body(int status, String title, String detail, UriInfo uri) {
        return body(status, title, detail, uri.getPath());
    }

    /** A problem body (type, title, status, detail, instance) for refusals made outside an exception mapper. */
    public static Map<String, Object> body(int status, String title, String detail, String instance) {
        return ProblemBody.of(status, title, detail, instance);
    }
}
