package org.secondopinion.platform.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Every service's OpenAPI document declares what every operation can answer (registered for every service through
 * {@code mp.openapi.filter} in platform-common's configuration): the refusals the platform's shared plumbing makes
 * the same way for every operation (400 for malformed parameters and bodies, 401, 403, 404 for an object named in
 * the path, 409 for writes, 412 with If-Match, 406, 413/415 for bodies, 414, 500, 503, and the gateway's 429, 502
 * and 504), and for every 4xx/5xx response - added here or declared by an operation's {@code @APIResponse} - the
 * RFC 9457 problem body ({@code application/problem+json}, schema {@code Problem}) unless the operation declares
 * another body for it.
 * Every 201 declares the {@code Location} header naming the created resource (CONVENTIONS 1; the resources build it
 * from the request URI). Operation-specific answers (201, 204, a 409 naming the state, 410, 422) stay
 * {@code @APIResponse} annotations on the resource method. {@code OpenApiContractFilter} (embedded-infra) holds the documents to the answers of every
 * service's tests.
 */
public class ProblemResponses implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    static final String LOCATION = "Location";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        // the services' one filter (mp.openapi.filter takes one class): readable operationIds first
        org.secondopinion.platform.openapi.OperationIds.name(openAPI);
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                declareRefusals(entry.getKey(), entry.getValue(), item.getParameters(),
                        openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty());
            }
        }
    }

    private static void declareRefusals(PathItem.HttpMethod method, Operation op, List<Parameter> pathItemParameters,
            boolean securedByDefault) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        // FHIR operations refuse with an OperationOutcome where their own code answers, a problem elsewhere
        boolean fhir = responses.getAPIResponses().entrySet().stream().anyMatch(r -> r.getKey().startsWith("2")
                && r.getValue().getContent() != null && r.getValue().getContent().getMediaTypes().keySet().stream()
                .anyMatch(type -> type.contains("fhir")));
        List<Parameter> parameters = op.getParameters() == null ? List.of() : op.getParameters();
        boolean hasBody = op.getRequestBody() != null;
        boolean hasParameters = !parameters.isEmpty() || pathItemParameters != null && !pathItemParameters.isEmpty();
        boolean pathObject = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)
                || pathItemParameters != null
                && pathItemParameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean secured = op.getSecurity() != null ? !op.getSecurity().isEmpty() : securedByDefault
                || responses.hasAPIResponse("403");

        if (hasBody || hasParameters) {
            add(responses, fhir, "400", "A parameter or the body is malformed or invalid; the problem names it"
                    + " (violations[])");
        }
        add(responses, fhir, "401", "No valid bearer token (missing, expired, badly signed, or without a subject)");
        if (secured) {
            add(responses, fhir, "403", "The token's role does not allow this operation");
        }
        if (pathObject) {
            add(responses, fhir, "404", "No such object, or not yours to see");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE) {
            // every write can lose an optimistic-lock race (ProblemMappers.staleVersion); operations whose objects
            // have states say which state refuses them in their own @APIResponse
            add(responses, fhir, "409", "The object was changed by someone else meanwhile, or its state does not allow"
                    + " this; the problem says which");
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER
                && "If-Match".equalsIgnoreCase(p.getName()))) {
            add(responses, fhir, "412", "If-Match names a version that is no longer current; read it again");
        }
        add(responses, fhir, "406", "The Accept header names no media type this operation answers");
        if (hasBody) {
            add(responses, fhir, "413", "The body is larger than the service accepts");
            add(responses, fhir, "415", "The body has no Content-Type or one this operation does not take");
        }
        add(responses, fhir, "414", "The request line is longer than the service accepts");
        add(responses, fhir, "500",
                "An unexpected error; the problem carries no details, the request id finds the log");
        add(responses, fhir, "503", "A dependency (database, broker) or, through the gateway, this service is"
                + " unavailable for the moment; retry later");
        // what the gateway in front of every service answers (clients reach the services only through it)
        add(responses, fhir, "429", "Too many requests from this client (the gateway's rate), or a quota of this"
                + " operation is spent (the problem names it, platform-common quota); Retry-After says when to try"
                + " again");
        add(responses, fhir, "502", "Through the gateway: the service's answer was broken");
        add(responses, fhir, "504", "Through the gateway: the service did not answer in time");

        APIResponse created = responses.getAPIResponse("201");
        if (created != null && created.getRef() == null
                && (created.getHeaders() == null || !created.getHeaders().containsKey(LOCATION))) {
            created.addHeader(LOCATION, OASFactory.createHeader().required(true)
                    .description("The address of the created resource")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (isRefusal(response.getKey()) && response.getValue().getRef() == null
                    && (response.getValue().getContent() == null
                    || response.getValue().getContent().getMediaTypes().isEmpty())) {
                response.getValue().setContent(problemContent(fhir));
            }
        }
    }

    private static boolean isRefusal(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    private static void add(APIResponses responses, boolean fhir, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                    .content(problemContent(fhir)));
        }
    }

    private static Content problemContent(boolean fhir) {
        Content content = OASFactory.createContent().addMediaType(ProblemBody.CONTENT_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        if (fhir) {
            content.addMediaType("application/fhir+json", OASFactory.createMediaType().schema(
                    OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("An OperationOutcome")));
        }
        return content;
    }

    /** RFC 9457 with the platform's extensions: {@code violations[]} names fields; others (e.g. the current state). */
    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One field, parameter or header that is wrong, and why")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field (dotted path), parameter or header name"))
                .addProperty("in", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("body, query, path or header"))
                .addProperty("message", string);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem; further members may carry details (e.g. the current state)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A URI naming the kind of problem; about:blank when the status says it all"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .addType(Schema.SchemaType.NULL))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .addType(Schema.SchemaType.NULL).description("The path of the request"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(violation))
                .addProperty("quota", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("With 429: the quota that is spent, e.g. record-uploads"))
                .required(List.of("status", "title"));
    }
}
