package org.secondopinion.specialist.reference;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.secondopinion.platform.reference.Specialty;

import java.util.Arrays;
import java.util.List;

/** The specialty reference list, for pickers in every client. */
@Path("/api/v1/specialties")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SpecialtyResource {

    public record SpecialtyView(String code, String displayName, String nuccTaxonomyCode) {
    }

    @GET
    public List<SpecialtyView> list() {
        return Arrays.stream(Specialty.values())
                .map(s -> new SpecialtyView(s.code(), s.displayName(), s.nuccTaxonomyCode()))
                .toList();
    }
}
