package org.secondopinion.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.resteasy.reactive.jackson.runtime.serialisers.FullyFeaturedServerJacksonMessageBodyReader;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Quarkus REST's JSON body reader, with Jackson's own failure handed on: for a body that is not JSON at all (bad
 * syntax, bytes that are not UTF-8) or does not bind, Quarkus REST throws a bare {@code WebApplicationException(400)}
 * whose problem body names nothing; {@link org.secondopinion.platform.problem.ProblemMappers} says from the Jackson
 * failure what is wrong with the body and where.
 * <p>
 * Written as a reader that extends Quarkus REST's own (3.33: it wraps {@code StreamReadException} and
 * {@code DatabindException}, and rethrows {@code MismatchedInputException} as it is), because the other way to unwrap,
 * a {@code ReaderInterceptor} (this class's predecessor, {@code JsonBodyErrors}), takes every body off Quarkus REST's
 * fast path: it then read each resource method's parameter annotations from the class file on every request, 2.1 %
 * of case-service's CPU on requests with a body (docs/PERFORMANCE.md). An application's reader comes before the
 * built-in one for the same media types.
 */
@Provider
@Singleton // no client proxy in front of every body read
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonBodyReader extends FullyFeaturedServerJacksonMessageBodyReader {

    @Inject
    public JsonBodyReader(Instance<ObjectMapper> mapper, Providers providers) {
        super(mapper, providers);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        try {
            return super.readFrom(type, genericType, annotations, mediaType, headers, body);
        } catch (WebApplicationException e) {
            if (e.getCause() instanceof JsonParseException parse) {
                throw parse;
            }
            if (e.getCause() instanceof JsonMappingException mapping) {
                throw mapping;
            }
            throw e;
        }
    }
}
