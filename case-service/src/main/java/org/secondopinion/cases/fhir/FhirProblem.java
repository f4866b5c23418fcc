package org.secondopinion.cases.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.List;

/**
 * A refused FHIR request, answered as an OperationOutcome: 400 when the body is not a FHIR R4 resource we can read,
 * 422 when it is one but breaks our rules, 409 for a clinic reference used before, 404 for a referral the caller may
 * not see. Plain Java, so the mapper and its unit tests need no web framework.
 */
public class FhirProblem extends RuntimeException {

    private final int status;
    private final List<FhirIssue> issues;

    public FhirProblem(int status, List<FhirIssue> issues) {
        super(issues.isEmpty() ? "FHIR request refused" : issues.get(0).diagnostics());
        this.status = status;
        this.issues = List.copyOf(issues);
    }

    public FhirProblem(int status, FhirIssue issue) {
        this(status, List.of(issue));
    }

    /** 400: not something we can read as the FHIR resource this endpoint takes. */
    public static FhirProblem unreadable(IssueType code, String expression, String diagnostics) {
        return new FhirProblem(400, FhirIssue.at(code, expression, diagnostics));
    }

    /** 422: a readable resource that breaks our rules. */
    public static FhirProblem unprocessable(IssueType code, String expression, String diagnostics) {
        return new FhirProblem(422, FhirIssue.at(code, expression, diagnostics));
    }

    public int status() {
        return status;
    }

    public List<FhirIssue> issues() {
        return issues;
    }
}
