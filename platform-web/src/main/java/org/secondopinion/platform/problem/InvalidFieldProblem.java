package org.secondopinion.platform.problem;

import java.util.List;
import java.util.Map;

/** 400: a rule on a field that Bean Validation cannot express (e.g. a rule across fields); names the field. */
public class InvalidFieldProblem extends DomainException {

    private final String field;

    public InvalidFieldProblem(String field, String message) {
        super(400, "Bad Request", field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("violations", List.of(Map.of("field", field, "in", "body",
                "message", getMessage().substring(field.length() + 2))));
    }
}
