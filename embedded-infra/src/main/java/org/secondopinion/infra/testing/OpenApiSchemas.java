package org.secondopinion.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON Schema check for what smallrye-openapi writes into a service's document (OpenAPI 3.0 and 3.1):
 * {@code $ref} to {@code #/components/schemas}, {@code type} (one or a list, {@code "null"} included),
 * {@code nullable}, {@code properties}, {@code required}, {@code items}, {@code enum}, {@code allOf}/{@code anyOf}/
 * {@code oneOf} and {@code additionalProperties}. Formats are not checked. Returns where the value breaks its
 * schema, empty when it fits.
 */
final class OpenApiSchemas {

    private final JsonNode document;

    OpenApiSchemas(JsonNode document) {
        this.document = document;
    }

    List<String> mismatches(JsonNode schema, JsonNode value) {
        List<String> found = new ArrayList<>();
        check(schema, value, "$", found, 0);
        return found;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> found, int depth) {
        if (schema == null || schema.isMissingNode() || schema.isNull() || depth > 64) {
            return;
        }
        if (schema.has("$ref")) {
            JsonNode target = resolve(schema.path("$ref").asText());
            if (target == null) {
                found.add(at + ": unresolvable " + schema.path("$ref").asText());
                return;
            }
            // OpenAPI 3.1 lets siblings of $ref (e.g. nullable written next to it) apply too
            if (value.isNull() && nullAllowed(schema)) {
                return;
            }
            check(target, value, at, found, depth + 1);
            return;
        }
        if (value.isNull()) {
            if (!nullAllowed(schema) && !compositionAllowsNull(schema, depth)) {
                found.add(at + ": null where the schema does not allow null");
            }
            return;
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.path("allOf")) {
                check(part, value, at, found, depth + 1);
            }
        }
        for (String any : List.of("anyOf", "oneOf")) {
            if (schema.has(any)) {
                boolean one = false;
                for (JsonNode part : schema.path(any)) {
                    List<String> inner = new ArrayList<>();
                    check(part, value, at, inner, depth + 1);
                    one |= inner.isEmpty();
                }
                if (!one) {
                    found.add(at + ": fits none of " + any);
                }
            }
        }
        List<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(t -> is(t, value))) {
            found.add(at + ": " + kind(value) + " where the schema says " + String.join("|", types));
            return;
        }
        if (schema.has("enum") && value.isValueNode()) {
            boolean listed = false;
            for (JsonNode option : schema.path("enum")) {
                listed |= option.equals(value) || (option.isTextual() && option.asText().equals(value.asText()));
            }
            if (!listed) {
                found.add(at + ": " + value + " is not one of " + schema.path("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    found.add(at + ": required property " + required.asText() + " is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String where = at + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), where, found, depth + 1);
                } else if (additional.isObject()) {
                    check(additional, field.getValue(), where, found, depth + 1);
                } else if (additional.isBoolean() && !additional.asBoolean()) {
                    found.add(where + ": a property the schema does not allow");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), value.get(i), at + "[" + i + "]", found, depth + 1);
            }
        }
    }

    private boolean compositionAllowsNull(JsonNode schema, int depth) {
        for (String any : List.of("anyOf", "oneOf")) {
            for (JsonNode part : schema.path(any)) {
                List<String> inner = new ArrayList<>();
                check(part, com.fasterxml.jackson.databind.node.NullNode.getInstance(), "$", inner, depth + 1);
                if (inner.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean nullAllowed(JsonNode schema) {
        return schema.path("nullable").asBoolean(false) || types(schema).contains("null");
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<String> types = new ArrayList<>();
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static boolean is(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() % 1 == 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase() + " " + abbreviate(value.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part.replace("~1", "/").replace("~0", "~"));
        }
        return node.isMissingNode() ? null : node;
    }
}
