package org.secondopinion.cases.insights;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.secondopinion.cases.audit.AccessLog;
import org.secondopinion.cases.insights.InsightQueries.ExportRow;
import org.secondopinion.platform.security.CurrentUser;

import java.util.List;
import java.util.UUID;

/**
 * The admin's de-identified export of outcome rows. The export is itself audited: every case in it gets an access-log
 * entry naming the admin and the export's id, so "who looked at my case" shows that the case went into one.
 */
@ApplicationScoped
public class OutcomeExport {

    private static final Logger LOG = Logger.getLogger(OutcomeExport.class);

    /** One export: its id (in the access log and the response header) and the CSV. */
    public record Export(UUID id, int rows, String csv) {
    }

    private final InsightQueries queries;
    private final AccessLog accessLog;

    public OutcomeExport(InsightQueries queries, AccessLog accessLog) {
        this.queries = queries;
        this.accessLog = accessLog;
    }

    @Transactional
    public Export export(InsightFilter.Applied filter, CurrentUser admin) {
        UUID exportId = UUID.randomUUID();
        List<ExportRow> rows = queries.export(filter);
        accessLog.recordEach(rows.stream().map(ExportRow::caseId).toList(), admin, "EXPORT", "OUTCOME_EXPORT", exportId);
        LOG.infof("outcome export %s: %d rows", exportId, rows.size());
        return new Export(exportId, rows.size(), new DeidentifiedCsv(UUID::randomUUID).write(rows));
    }
}
