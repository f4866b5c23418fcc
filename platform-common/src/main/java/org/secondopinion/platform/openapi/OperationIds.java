package org.secondopinion.platform.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readable, unique operationIds, the method names of a client generated from the document ({@code createCase},
 * {@code acceptOffer}). SmallRye names an operation {@code Class_method} ({@code operationIdStrategy=CLASS_METHOD}
 * in platform-common's configuration); this turns that into the method's name, with the resource's noun where the
 * name alone says little ({@code list} of {@code ConsultResource}: {@code listConsults}) or two resources share it.
 * An explicit {@code @Operation(operationId = ...)} is left as it is. Called by {@code ProblemResponses}, the
 * services' one {@code mp.openapi.filter}.
 */
public final class OperationIds {

    /** Method names that say nothing about what they act on. */
    static final Set<String> GENERIC = Set.of("list", "get", "create", "update", "delete", "cancel", "read", "submit",
            "replace");

    private OperationIds() {
    }

    public static void name(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        List<Operation> generated = new ArrayList<>();
        Map<String, Integer> uses = new HashMap<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                String id = op.getOperationId();
                if (id != null && id.contains("_")) {
                    generated.add(op);
                    uses.merge(readable(id), 1, Integer::sum);
                } else if (id != null) {
                    uses.merge(id, 1, Integer::sum);
                }
            }
        }
        for (Operation op : generated) {
            String readable = readable(op.getOperationId());
            op.setOperationId(uses.get(readable) > 1 ? qualified(op.getOperationId()) : readable);
        }
    }

    /** {@code ConsultResource_list} → {@code listConsults}, {@code OfferResource_accept} → {@code accept}. */
    static String readable(String classAndMethod) {
        String method = method(classAndMethod);
        return GENERIC.contains(method) ? qualified(classAndMethod) : method;
    }

    /** The method with the resource's noun: {@code listConsults}, {@code getConsult}, {@code acceptOffer}. */
    static String qualified(String classAndMethod) {
        String method = method(classAndMethod);
        String noun = classAndMethod.substring(0, classAndMethod.indexOf('_')).replaceFirst("Resource$", "");
        if (method.equals("list")) {
            noun = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        }
        return method + noun;
    }

    private static String method(String classAndMethod) {
        return classAndMethod.substring(classAndMethod.lastIndexOf('_') + 1);
    }
}
