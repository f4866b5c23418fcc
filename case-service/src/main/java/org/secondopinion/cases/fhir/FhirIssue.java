package org.secondopinion.cases.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.List;

/**
 * One error of an OperationOutcome: what kind ({@code code}), where ({@code expression}, FHIRPath rooted at the
 * resource type, e.g. {@code ServiceRequest.code}; empty when the problem is not in the body) and what to do about it.
 */
public record FhirIssue(IssueType code, List<String> expression, String diagnostics) {

    public FhirIssue {
        expression = expression == null ? List.of() : List.copyOf(expression);
    }

    public static FhirIssue at(IssueType code, String expression, String diagnostics) {
        return new FhirIssue(code, expression == null ? List.of() : List.of(expression), diagnostics);
    }
}
