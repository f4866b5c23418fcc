package org.secondopinion.cases.fhir;

import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.logging.Logger;

/**
 * FHIR R4 JSON in and out. Parsers are cheap and not thread-safe, so each call takes a new one from the shared
 * context. Parsing is strict ({@link StrictParseErrors}): what we cannot read exactly is a 400, never a silent loss.
 */
@ApplicationScoped
public class FhirJson {

    public static final String MEDIA_TYPE = "application/fhir+json";

    private static final Logger LOG = Logger.getLogger(FhirJson.class);

    private final FhirContext context;

    public FhirJson(FhirContext context) {
        this.context = context;
    }

    public IBaseResource parse(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.unreadable(IssueType.REQUIRED, null,
                    "the request body is empty: send a FHIR R4 resource as JSON");
        }
        IParser parser = context.newJsonParser()
                .setParserErrorHandler(new StrictParseErrors())
                // keep each Bundle entry's own id: references are resolved by fullUrl and by Type/id ourselves
                .setOverrideResourceIdWithBundleEntryFullUrl(false);
        try {
            return parser.parseResource(body);
        } catch (StrictParseErrors.ParseIssue e) {
            throw FhirProblem.unreadable(e.code, e.expression, e.getMessage());
        } catch (DataFormatException | ConfigurationException e) {
            throw FhirProblem.unreadable(IssueType.STRUCTURE, null, "the body is not a FHIR R4 resource in JSON: "
                    + withoutHapiCode(e.getMessage()));
        } catch (RuntimeException e) {
            // HAPI's parser trips over some malformed input with other exceptions; it is still the client's input.
            // The message may quote the body, so only the type goes to the log.
            LOG.debugf("FHIR parser failed with %s", e.getClass().getName());
            throw FhirProblem.unreadable(IssueType.STRUCTURE, null, "the body is not a readable FHIR R4 resource");
        }
    }

    public String encode(IBaseResource resource) {
        return context.newJsonParser().encodeResourceToString(resource);
    }

    /** HAPI prefixes its messages with its own code ({@code HAPI-1825: }), which means nothing to a clinic. */
    static String withoutHapiCode(String message) {
        return message == null ? "" : message.replaceAll("HAPI-\\d+: ", "");
    }
}
