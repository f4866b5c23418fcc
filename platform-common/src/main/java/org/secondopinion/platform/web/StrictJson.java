package org.secondopinion.platform.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON request bodies are one JSON value and nothing else: {@code {"a":1} garbage} is refused (400, see
 * {@link org.secondopinion.platform.problem.ProblemMappers}) instead of being read up to the first value and stored.
 * Applies to every service's ObjectMapper, so to every JSON body Quarkus REST reads.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** The same rules for mappers made outside CDI (unit tests, tools). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
