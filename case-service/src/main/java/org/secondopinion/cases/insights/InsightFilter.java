package org.secondopinion.cases.insights;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.secondopinion.cases.casefile.Origin;
import org.secondopinion.cases.casefile.Urgency;

import java.time.LocalDate;

/**
 * Which cases the figures cover: opinions delivered from {@code from} to {@code to} (both inclusive, UTC dates), of a
 * specialty, a procedure (CPT code), an urgency, an origin (patient or clinic referral). Every part is optional.
 */
public class InsightFilter {

    @QueryParam("from")
    public LocalDate from;
    @QueryParam("to")
    public LocalDate to;
    @QueryParam("specialty")
    @Pattern(regexp = "[A-Z_]{2,60}")
    public String specialty;
    @QueryParam("procedure")
    @Pattern(regexp = "[0-9A-Z]{5}")
    public String procedure;
    @QueryParam("urgency")
    public Urgency urgency;
    @QueryParam("origin")
    public Origin origin;

    /** The echo in the answer. */
    public record Applied(@Schema(nullable = true) LocalDate from, @Schema(nullable = true) LocalDate to,
                          @Schema(nullable = true) String specialty, @Schema(nullable = true) String procedure,
                          @Schema(nullable = true) Urgency urgency, @Schema(nullable = true) Origin origin,
                          @Schema(nullable = true) String clinicId) {
    }
}
