package org.secondopinion.cases.insights;

import org.junit.jupiter.api.Test;
import org.secondopinion.cases.insights.InsightQueries.ExportRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeidentifiedCsvTest {

    private static final UUID ROW_ID = UUID.fromString("00000000-0000-4000-8000-0000000000aa");

    @Test
    void aRowHasARandomIdMonthsInsteadOfDatesWholeDaysAndGroupedOldAges() {
        UUID caseId = UUID.randomUUID();
        ExportRow row = new ExportRow(caseId, "ORTHOPAEDIC_SURGERY", "63030", "URGENT", "CLINIC_REFERRAL", "CA", 95,
                Instant.parse("2026-03-31T23:59:00Z"), 3 * 86400L + 7200, "CONCUR", "ORIGINAL_SURGERY", "FOLLOWED",
                false, 3, 5, true, LocalDate.of(2026, 4, 1));

        assertThat(new DeidentifiedCsv(() -> ROW_ID).fields(row)).containsExactly(ROW_ID.toString(), "2026-03",
                "ORTHOPAEDIC_SURGERY", "63030", "URGENT", "CLINIC_REFERRAL", "CA", "90+", "3", "CONCUR",
                "ORIGINAL_SURGERY", "FOLLOWED", "false", "3", "5", "true", "2026-04");
    }

    @Test
    void agesUpToEightyNineStayAndOlderOnesAreOneGroup() {
        assertThat(DeidentifiedCsv.age(89)).isEqualTo("89");
        assertThat(DeidentifiedCsv.age(90)).isEqualTo("90+");
        assertThat(DeidentifiedCsv.age(104)).isEqualTo("90+");
        assertThat(DeidentifiedCsv.age(null)).isEmpty();
    }

    @Test
    void nothingButCodeCharactersReachesTheFile() {
        ExportRow row = new ExportRow(UUID.randomUUID(), "X,\"=cmd\"", null, "ROUTINE", "PATIENT", null, null,
                Instant.parse("2026-01-02T00:00:00Z"), null, null, null, null, null, null, null, null, null);
        assertThat(new DeidentifiedCsv(() -> ROW_ID).fields(row).get(2)).isEqualTo("Xcmd");
    }
}
