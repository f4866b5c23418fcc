package org.secondopinion.cases.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Makes HAPI's parser refuse what its default (lenient) handler only logs: an element FHIR R4 does not know (usually
 * a typo that would silently drop data), a malformed value, a wrong JSON type. Unlike HAPI's own
 * {@code StrictErrorHandler} it keeps the element's name apart from the message, so the OperationOutcome can name it.
 */
final class StrictParseErrors implements IParserErrorHandler {

    /** What the parser stopped at; a {@link DataFormatException} so that HAPI lets it through untouched. */
    static final class ParseIssue extends DataFormatException {
        final IssueType code;
        final String expression;

        ParseIssue(IssueType code, String expression, String message) {
            super(message);
            this.code = code;
            this.expression = expression;
        }
    }

    @Override
    public void unknownElement(IParseLocation location, String name) {
        throw issue(IssueType.STRUCTURE, location, name, "is not an element of this FHIR R4 resource "
                + "(check the spelling; extensions go in 'extension')");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String name) {
        throw issue(IssueType.STRUCTURE, location, name, "is not an attribute of this FHIR R4 element");
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        // the location's element is the one holding the bad value; HAPI's error quotes it (for the client, never logged)
        throw issue(IssueType.VALUE, location, null, "has an invalid value: " + FhirJson.withoutHapiCode(error));
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String name, ValueType expected, ScalarType expectedScalar,
                                  ValueType found, ScalarType foundScalar) {
        throw issue(IssueType.STRUCTURE, location, name, "must be " + describe(expected, expectedScalar)
                + ", not " + describe(found, foundScalar));
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String name) {
        throw issue(IssueType.REQUIRED, location, name, "is required");
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String name) {
        throw issue(IssueType.STRUCTURE, location, name, "may appear only once (not as an array)");
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        throw issue(IssueType.REQUIRED, location, "contained", "resources need an id so that references can reach them");
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        throw issue(IssueType.VALUE, location, "reference", "points at a contained resource that is not there");
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        throw issue(IssueType.VALUE, location, "reference", "is not a valid reference to a contained resource");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        throw issue(IssueType.STRUCTURE, location, "extension", "may have a value or nested extensions, not both");
    }

    private static ParseIssue issue(IssueType code, IParseLocation location, String name, String message) {
        String parent = location == null ? null : location.getParentElementName();
        String expression = parent == null ? name : name == null ? parent : parent + "." + name;
        return new ParseIssue(code, expression, (expression == null ? "the resource" : expression) + " " + message);
    }

    private static String describe(ValueType type, ScalarType scalar) {
        if (type == null) {
            return "another JSON value";
        }
        return switch (type) {
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object";
            case NULL -> "null";
            case SCALAR -> scalar == null ? "a JSON scalar" : "a JSON " + scalar.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
