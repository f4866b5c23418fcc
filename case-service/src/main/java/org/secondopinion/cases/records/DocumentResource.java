package org.secondopinion.cases.records;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.secondopinion.cases.casefile.CaseVisibility;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.security.CurrentUser;
import org.secondopinion.platform.security.Roles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.secondopinion.platform.security.ScopedTo;

@ScopedTo(kind = CaseVisibility.CASE)
@Path("/api/v1/cases/{id}/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Records")
public class DocumentResource {

    public record DocumentView(UUID id, DocumentKind kind, String fileName, String mediaType, long sizeBytes,
                               String sha256, Instant uploadedAt) {
    }

    /** Entity → view; the storage reference and uploader never leave the service. */
    @org.mapstruct.Mapper
    public interface DocumentMapper {
        DocumentView toView(CaseDocument d);
    }

    private final DocumentService documents;
    private final DocumentMapper mapper;
    private final CurrentUser user;

    public DocumentResource(DocumentService documents, DocumentMapper mapper, CurrentUser user) {
        this.documents = documents;
        this.mapper = mapper;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.PATIENT)
    @Operation(operationId = "uploadDocument",
            summary = "Upload a record (multipart: file, kind); its type is detected from the content")
    @APIResponse(responseCode = "201", description = "Stored, with its SHA-256",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "413", description = "Over the per-file or per-case limit")
    @APIResponse(responseCode = "415", description = "Not PDF, JPEG, PNG, DICOM or plain text")
    public Response upload(@PathParam("id") UUID caseId, @RestForm("file") FileUpload file,
                           @RestForm("kind") String kind, @Context UriInfo uri) {
        if (file == null) {
            throw new InvalidFieldProblem("file", "is required (multipart part named file)");
        }
        CaseDocument d = documents.upload(caseId, kind(kind), file.fileName(), file.uploadedFile(), user);
        return Response.created(uri.getAbsolutePathBuilder().path(d.id.toString()).path("content").build())
                .entity(mapper.toView(d)).build();
    }

    @GET
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(summary = "The case's records (metadata)")
    public List<DocumentView> list(@PathParam("id") UUID caseId) {
        return documents.list(caseId, user).stream().map(mapper::toView).toList();
    }

    @GET
    @Path("{docId}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.PATIENT, Roles.SPECIALIST, Roles.COORDINATOR})
    @Operation(operationId = "downloadDocument", summary = "Download a record, streamed; every download is audited")
    @APIResponse(responseCode = "200", description = "The file as uploaded, with its media type",
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    public Response content(@PathParam("id") UUID caseId, @PathParam("docId") UUID documentId) {
        DocumentService.Download download = documents.download(caseId, documentId, user);
        CaseDocument d = download.document();
        StreamingOutput body = out -> download.store().copyTo(d.contentRef, out);
        return Response.ok(body, d.mediaType)
                .header("Content-Length", d.sizeBytes)
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(d.fileName, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Digest", "sha-256=" + d.sha256)
                .build();
    }

    @DELETE
    @Path("{docId}")
    @RolesAllowed(Roles.PATIENT)
    @Operation(summary = "Remove a record while the case is still a draft")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID caseId, @PathParam("docId") @NotNull UUID documentId) {
        documents.delete(caseId, documentId, user);
        return Response.noContent().build();
    }

    private static DocumentKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return DocumentKind.OTHER;
        }
        try {
            return DocumentKind.valueOf(kind.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldProblem("kind", "must be one of " + java.util.Arrays.toString(DocumentKind.values()));
        }
    }
}
