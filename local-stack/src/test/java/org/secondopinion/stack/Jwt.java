package org.secondopinion.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Reads a JWT's payload (signature checks are the services' business; here we assert the claims). */
final class Jwt {

    private Jwt() {
    }

    static JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }
}
