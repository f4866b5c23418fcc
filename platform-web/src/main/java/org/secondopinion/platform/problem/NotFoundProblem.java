package org.secondopinion.platform.problem;

/** 404: the object does not exist, or the caller may not know that it does (DESIGN §3: no existence leak). */
public class NotFoundProblem extends DomainException {
    public NotFoundProblem(String what, Object id) {
        super(404, "Not Found", what + " " + id + " was not found");
    }
}
