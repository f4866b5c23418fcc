package org.secondopinion.cases.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The example resources of docs/examples/fhir, which the docs point clinics at: tests keep them honest. */
final class FhirExamples {

    /** Tests run with the module as working directory. */
    static final Path DIR = Path.of("..", "docs", "examples", "fhir");

    static final String SERVICE_REQUEST = "service-request.json";
    static final String BUNDLE = "referral-bundle.json";

    private FhirExamples() {
    }

    static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An example with a clinic reference of its own, so that tests never collide on one. */
    static String withFreshReference(String name) {
        return withReference(name, "ORD-" + UUID.randomUUID());
    }

    static String withReference(String name, String reference) {
        // the valid examples carry the quick-start's placeholder, the invalid ones a reference of their own
        return read(name).replaceAll("\"(REPLACE-WITH-YOUR-ORDER-NUMBER|ORD-2026-\\d{4})\"", "\"" + reference + "\"");
    }
}
