package org.secondopinion.platform.web;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;
import org.secondopinion.platform.web.StrictRequests.Declared;
import org.secondopinion.platform.web.StrictRequests.ParameterValues;
import org.secondopinion.platform.web.StrictRequests.Shape;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StrictRequestsTest {

    enum Status { DRAFT, SUBMITTED }

    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    static class Resource {
        public void list(@QueryParam("status") Status status, @QueryParam("q") String q,
                         @BeanParam PageParams paging) {
        }

        public void create(Map<String, Object> body, @jakarta.ws.rs.core.Context UriInfo uri) {
        }

        @RolesAllowed("patient")
        @Consumes(MediaType.WILDCARD)
        public void approve(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        }

        public void since(@QueryParam("from") LocalDate from, @HeaderParam("X-Count") Integer count) {
        }

        @RolesAllowed({"coordinator", "clinic"})
        public void insights() {
        }
    }

    @Test
    void pagingParametersThatAreNotNumbersOrOutOfRangeAreRefusedByName() {
        for (String bad : List.of("abc", "1e3", "2147483648", "", "1.5", "-2147483649")) {
            assertThat(ParameterValues.problemWith(bad, int.class)).as(bad)
                    .contains("must be a whole number from -2147483648 to 2147483647");
        }
        assertThat(ParameterValues.problemWith("0", int.class)).isEmpty();
        assertThat(ParameterValues.problemWith("2147483647", int.class)).isEmpty();
        assertThat(ParameterValues.problemWith("-5", int.class)).isEmpty(); // the range is Bean Validation's
    }

    @Test
    void booleansUuidsEnumsAndDatesConvertOnlyFromWhatTheyMean() {
        assertThat(ParameterValues.problemWith("yes", Boolean.class)).contains("must be true or false");
        assertThat(ParameterValues.problemWith("TRUE", Boolean.class)).isEmpty();
        assertThat(ParameterValues.problemWith("not-a-uuid", UUID.class)).contains("must be a UUID");
        assertThat(ParameterValues.problemWith(UUID.randomUUID().toString(), UUID.class)).isEmpty();
        assertThat(ParameterValues.problemWith("CLOSED", Status.class)).contains("must be one of [DRAFT, SUBMITTED]");
        assertThat(ParameterValues.problemWith("DRAFT", Status.class)).isEmpty();
        assertThat(ParameterValues.problemWith("2026-13-01", LocalDate.class)).contains("must be a date like 2026-11-01");
        assertThat(ParameterValues.problemWith("2026-11-01", LocalDate.class)).isEmpty();
    }

    @Test
    void typedQueryAndHeaderParametersAreFoundAlsoInsideBeanParams() throws Exception {
        Shape list = StrictRequests.shapeOf(Resource.class, method("list"));
        assertThat(list.parameters()).containsExactlyInAnyOrder(new Declared("status", "query", Status.class),
                new Declared("page", "query", int.class), new Declared("size", "query", int.class));
        assertThat(list.bodyNeedsContentType()).isFalse();
        assertThat(list.anyPlatformRole()).isTrue();

        Shape since = StrictRequests.shapeOf(Resource.class, method("since"));
        assertThat(since.parameters()).containsExactlyInAnyOrder(new Declared("from", "query", LocalDate.class),
                new Declared("X-Count", "header", Integer.class));
    }

    @Test
    void aBodyNeedsAContentTypeUnlessTheOperationTakesAnything() throws Exception {
        Shape create = StrictRequests.shapeOf(Resource.class, method("create"));
        assertThat(create.bodyNeedsContentType()).isTrue();
        assertThat(create.consumes()).containsExactly(MediaType.APPLICATION_JSON);

        Shape approve = StrictRequests.shapeOf(Resource.class, method("approve"));
        assertThat(approve.bodyNeedsContentType()).isFalse();
        assertThat(approve.anyPlatformRole()).as("@RolesAllowed decides").isFalse();
    }

    @Test
    void theClientOfAClinicTokenIsCheckedWhereTheClinicRoleIsWhatAdmitsTheCaller() throws Exception {
        Shape insights = StrictRequests.shapeOf(Resource.class, method("insights"));
        assertThat(insights.clinicAndOtherRoles()).contains(List.of("coordinator"));
        assertThat(StrictRequests.shapeOf(Resource.class, method("approve")).clinicAndOtherRoles()).isEmpty();
        assertThat(StrictRequests.shapeOf(Resource.class, method("list")).clinicAndOtherRoles())
                .as("@Authenticated: any platform role").contains(List.of("patient", "specialist", "coordinator", "admin"));
    }

    @Test
    void refusalsAreProblemsNamingTheParameter() {
        Response r = StrictRequests.refuse(400, "Bad Request", "size", "query", "must be a whole number", "/x");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) r.getEntity();
        assertThat(body).containsEntry("detail", "query parameter size must be a whole number")
                .containsEntry("violations", List.of(Map.of("field", "size", "in", "query",
                        "message", "must be a whole number")));
    }

    private static java.lang.reflect.Method method(String name) {
        for (java.lang.reflect.Method m : Resource.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
