package org.secondopinion.cases.records;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.cases.casefile.CaseLookup;
import org.secondopinion.cases.casefile.CaseStatus;
import org.secondopinion.cases.casefile.PatientCase;
import org.secondopinion.platform.ids.Ids;
import org.secondopinion.platform.problem.DomainException;
import org.secondopinion.platform.problem.InvalidFieldProblem;
import org.secondopinion.platform.problem.NotFoundProblem;
import org.secondopinion.platform.problem.StateConflictProblem;
import org.secondopinion.platform.quota.Quotas;
import org.secondopinion.platform.security.CurrentUser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Records of a case: upload by the patient, list and download by everyone who may read the case, all audited. */
@ApplicationScoped
public class DocumentService {

    private static final Logger LOG = Logger.getLogger(DocumentService.class);
    /** While the case is being prepared or reviewed; not after the opinion, not on a cancelled case. */
    private static final Set<CaseStatus> UPLOADABLE = EnumSet.of(CaseStatus.DRAFT, CaseStatus.SUBMITTED,
            CaseStatus.UNMATCHED, CaseStatus.ASSIGNED, CaseStatus.IN_REVIEW, CaseStatus.AWAITING_INFORMATION);

    /** Uploads per case per window, and their bytes: so.quotas.record-uploads.*, so.quotas.record-upload-bytes.* */
    static final String RECORD_UPLOADS = "record-uploads";
    static final String RECORD_UPLOAD_BYTES = "record-upload-bytes";

    private final EntityManager em;
    private final DocumentStore store;
    private final CaseLookup lookup;
    private final AccessLog accessLog;
    private final RecordsConfig limits;
    private final Quotas quotas;
    private final Clock clock;

    public DocumentService(EntityManager em, DocumentStore store, CaseLookup lookup, AccessLog accessLog,
                           RecordsConfig limits, Quotas quotas, Clock clock) {
        this.em = em;
        this.store = store;
        this.lookup = lookup;
        this.accessLog = accessLog;
        this.limits = limits;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** A document with the case it belongs to, for streaming after the transaction. */
    public record Download(CaseDocument document, DocumentStore store) {
    }

    @Transactional
    public CaseDocument upload(UUID caseId, DocumentKind kind, String fileName, Path file, CurrentUser patient) {
        PatientCase c = lookup.ownedBy(caseId, patient);
        if (!UPLOADABLE.contains(c.status())) {
            throw new StateConflictProblem("records can no longer be added to case " + c.reference, c.status().name());
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new InvalidFieldProblem("file", "is empty");
            }
            if (size > limits.maxFileSize()) {
                throw new TooLargeProblem("file is " + size + " bytes; the limit per file is " + limits.maxFileSize());
            }
            long held = em.createQuery("SELECT coalesce(sum(d.sizeBytes), 0) FROM CaseDocument d WHERE d.caseId = :c",
                    Long.class).setParameter("c", caseId).getSingleResult();
            if (held + size > limits.maxCaseSize()) {
                throw new TooLargeProblem("the case already holds " + held + " bytes; the limit per case is "
                        + limits.maxCaseSize());
            }
            // the per-case total above bounds what a case holds; these bound the churn of upload and delete
            quotas.spend(RECORD_UPLOADS, caseId.toString());
            quotas.spend(RECORD_UPLOAD_BYTES, caseId.toString(), size);
            String mediaType = sniff(file);
            DocumentStore.Stored stored;
            try (InputStream in = Files.newInputStream(file)) {
                stored = store.store(in);
            }
            CaseDocument d = new CaseDocument();
            d.id = Ids.newId();
            d.caseId = caseId;
            d.kind = kind;
            d.fileName = safeName(fileName);
            d.mediaType = mediaType;
            d.sizeBytes = stored.size();
            d.sha256 = stored.sha256();
            d.contentRef = stored.ref();
            d.uploadedBy = patient.id();
            d.uploadedAt = clock.instant();
            em.persist(d);
            accessLog.record(caseId, patient, "UPLOAD", "DOCUMENT", d.id);
            LOG.infof("record %s (%s, %d bytes) added to case %s", d.id, mediaType, d.sizeBytes, c.reference);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional
    public List<CaseDocument> list(UUID caseId, CurrentUser user) {
        lookup.readable(caseId, user);
        accessLog.record(caseId, user, "LIST", "DOCUMENT", null);
        return em.createQuery("SELECT d FROM CaseDocument d WHERE d.caseId = :c ORDER BY d.uploadedAt, d.id",
                CaseDocument.class).setParameter("c", caseId).getResultList();
    }

    /** Checks access and audits the download; the content is streamed afterwards by the caller. */
    @Transactional
    public Download download(UUID caseId, UUID documentId, CurrentUser user) {
        lookup.readable(caseId, user);
        CaseDocument d = find(caseId, documentId);
        accessLog.record(caseId, user, "DOWNLOAD", "DOCUMENT", d.id);
        return new Download(d, store);
    }

    @Transactional
    public void delete(UUID caseId, UUID documentId, CurrentUser patient) {
        PatientCase c = lookup.ownedBy(caseId, patient);
        if (c.status() != CaseStatus.DRAFT) {
            throw new StateConflictProblem("records can be removed only while case " + c.reference + " is a DRAFT",
                    c.status().name());
        }
        CaseDocument d = find(caseId, documentId);
        store.delete(d.contentRef);
        em.remove(d);
        accessLog.record(caseId, patient, "DELETE", "DOCUMENT", d.id);
    }

    private CaseDocument find(UUID caseId, UUID documentId) {
        CaseDocument d = em.find(CaseDocument.class, documentId);
        if (d == null || !d.caseId.equals(caseId)) {
            throw new NotFoundProblem("document", documentId);
        }
        return d;
    }

    private static String sniff(Path file) throws IOException {
        byte[] head = new byte[ContentSniffer.HEAD];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return ContentSniffer.sniff(head, n).orElseThrow(() -> new UnsupportedTypeProblem());
    }

    /** Keeps the name for display and the download header, without paths or control characters. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "record";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
        return base.isEmpty() ? "record" : base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    /** 413 with a problem body. */
    static final class TooLargeProblem extends DomainException {
        TooLargeProblem(String detail) {
            super(413, "Content Too Large", detail);
        }
    }

    /** 415: the content is not one of the accepted kinds of record. */
    static final class UnsupportedTypeProblem extends DomainException {
        UnsupportedTypeProblem() {
            super(415, "Unsupported Media Type", "file: records must be PDF, JPEG, PNG, DICOM or plain text "
                    + "(detected from the content)");
        }
    }
}
