package org.secondopinion.platform.problem;

import java.util.Map;

/** 409: the action is not allowed in the object's current state, which the body names. */
public class StateConflictProblem extends DomainException {

    private final String currentState;

    public StateConflictProblem(String detail, String currentState) {
        super(409, "Conflict", detail);
        this.currentState = currentState;
    }

    public String currentState() {
        return currentState;
    }

    @Override
    public Map<String, Object> extensions() {
        return currentState == null ? Map.of() : Map.of("currentState", currentState);
    }
}
