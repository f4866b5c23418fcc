package org.secondopinion.specialist.directory;

import org.secondopinion.platform.problem.DomainException;

import java.util.List;
import java.util.Map;

/** 409: a value that must be unique in the directory (NPI, account) is already taken; names the field. */
public class DuplicateFieldProblem extends DomainException {

    private final String field;

    public DuplicateFieldProblem(String field, String message) {
        super(409, "Conflict", field + ": " + message);
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
