package org.secondopinion.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/**
 * Quarkus REST wraps a body that is not JSON at all (bad syntax, bytes that are not UTF-8) in a bare
 * {@code WebApplicationException(400)}, whose problem body names nothing. The Jackson failure is handed on as it is,
 * so {@link org.secondopinion.platform.problem.ProblemMappers} says what is wrong with the body and where.
 */
@Provider
public class JsonBodyErrors implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
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
