package org.secondopinion.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract test's schema check finds what a generated client would trip over, and accepts what fits. */
class OpenApiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document = json("""
            {"components": {"schemas": {
              "View": {"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string"},
                "note": {"type": ["string", "null"]},
                "count": {"type": "integer"},
                "status": {"type": "string", "enum": ["OPEN", "CLOSED"]},
                "quiet": {"$ref": "#/components/schemas/Quiet"},
                "quietOrNull": {"anyOf": [{"$ref": "#/components/schemas/Quiet"}, {"type": "null"}]},
                "tags": {"type": "array", "items": {"type": "string"}}}},
              "Quiet": {"type": "object", "properties": {"start": {"type": "string"}}}}}}
            """);
    private final OpenApiSchemas schemas = new OpenApiSchemas(document);
    private final JsonNode view = json("{\"$ref\": \"#/components/schemas/View\"}");

    @Test
    void anAnswerThatFitsItsSchemaHasNoMismatch() {
        assertThat(schemas.mismatches(view, json("""
                {"id": "a", "note": null, "count": 3, "status": "OPEN", "quiet": {"start": "22:00"},
                 "quietOrNull": null, "tags": ["x"], "extra": true}
                """))).isEmpty();
    }

    @Test
    void nullWhereTheSchemaDoesNotAllowItIsAMismatch() {
        assertThat(schemas.mismatches(view, json("{\"id\": null, \"quiet\": null}")))
                .containsExactlyInAnyOrder("$.id: null where the schema does not allow null",
                        "$.quiet: null where the schema does not allow null");
    }

    @Test
    void wrongTypesMissingRequiredAndUnknownEnumValuesAreMismatches() {
        assertThat(schemas.mismatches(view, json("{\"count\": \"3\", \"status\": \"LOST\", \"tags\": [1]}")))
                .containsExactlyInAnyOrder("$: required property id is missing",
                        "$.count: string \"3\" where the schema says integer",
                        "$.status: \"LOST\" is not one of [\"OPEN\",\"CLOSED\"]",
                        "$.tags[0]: number 1 where the schema says string");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
