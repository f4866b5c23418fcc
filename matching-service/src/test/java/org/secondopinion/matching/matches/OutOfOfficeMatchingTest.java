package org.secondopinion.matching.matches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.matching.ranking.Absence;
import org.secondopinion.platform.events.EventEnvelope;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;
import org.secondopinion.platform.events.catalog.SpecialistUpserted;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * DESIGN §5's hard constraint "not out of office", end to end: the periods arrive with specialist.upserted.v1,
 * land in the projection, and keep a specialist who is away today from being offered a case, unless a coordinator
 * forces the assignment with a reason.
 */
@QuarkusTest
class OutOfOfficeMatchingTest extends MatchingTestSupport {

    static final String COORDINATOR = TestTokens.coordinator("coordinator1");

    @Test
    void aSpecialistOutOfOfficeTodayIsPassedOverAndOnlyAForcedAssignmentReachesThem() {
        // a state of their own, so that only these two are licensed for the case
        String state = nowhereState();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID away = UUID.randomUUID();
        UUID present = UUID.randomUUID();
        String awayUser = "away-" + away.toString().substring(0, 8);
        String presentUser = "present-" + present.toString().substring(0, 8);
        // the one away would rank first: a quicker turnaround, everything else equal
        upsert(snapshot(away, 1, awayUser, state, 24,
                List.of(new SpecialistUpserted.Absence(today.minusDays(1), today.plusDays(1)))));
        upsert(snapshot(present, 1, presentUser, state, 96,
                List.of(new SpecialistUpserted.Absence(today.minusDays(9), today.minusDays(1)),
                        new SpecialistUpserted.Absence(today.plusDays(1), today.plusDays(5)))));
        assertThat(projection(away).facts().outOfOffice())
                .containsExactly(new Absence(today.minusDays(1), today.plusDays(1)));

        UUID caseId = submitCase("ROUTINE", state);
        awaitOffer(caseId, presentUser);

        given().auth().oauth2(COORDINATOR).get("/api/v1/matches/{caseId}", caseId)
                .then().statusCode(200)
                .body("status", equalTo("OFFERED"))
                .body("candidates.specialistUserId", contains(presentUser))
                .body("exclusions.OUT_OF_OFFICE", equalTo(1))
                .body("offers.specialistUserId", contains(presentUser));

        assign(caseId, away, "patient asked for them", false)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("specialistId"))
                .body("detail", containsString("OUT_OF_OFFICE"));
        assertThat(matchStatus(caseId)).isEqualTo("OFFERED");

        assign(caseId, away, "back early, confirmed by phone", true)
                .then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("assignedSpecialistId", equalTo(away.toString()))
                .body("assignmentOverride", equalTo("OUT_OF_OFFICE"));
    }

    @Test
    void aSnapshotFromBeforeTheFieldExistedReadsAsNotAwayAndANewerOneBringsThePeriods() {
        UUID id = UUID.randomUUID();
        String user = "older-" + id.toString().substring(0, 8);
        // an older snapshot still on the compacted topic: no outOfOffice field at all
        ObjectNode older = mapper.valueToTree(snapshot(id, 1, user, "NY", 48, List.of()));
        older.remove("outOfOffice");
        EventEnvelope olderEnvelope = EventEnvelope.create("/second-opinion/test", EventTypes.SPECIALIST_UPSERTED,
                id.toString(), Instant.now(), older);
        sendAgain(Topics.SPECIALIST_EVENTS, olderEnvelope);
        await().atMost(WAIT).until(() -> consumed(olderEnvelope.id()));
        assertThat(projection(id).snapshotVersion).isEqualTo(1);
        assertThat(projection(id).outOfOffice).isEmpty();
        assertThat(outOfOfficeColumn(id)).isEqualTo("[]");

        upsert(snapshot(id, 2, user, "NY", 48, List.of(new SpecialistUpserted.Absence(
                LocalDate.of(2026, 12, 24), LocalDate.of(2027, 1, 2)))));
        assertThat(projection(id).facts().outOfOffice())
                .containsExactly(new Absence(LocalDate.of(2026, 12, 24), LocalDate.of(2027, 1, 2)));
        // ISO dates, readable in SQL
        assertThat(outOfOfficeColumn(id)).contains("\"2026-12-24\"", "\"2027-01-02\"");
    }

    private void upsert(SpecialistUpserted snapshot) {
        EventEnvelope e = send(Topics.SPECIALIST_EVENTS, snapshot.specialistId(), EventTypes.SPECIALIST_UPSERTED,
                snapshot);
        await().atMost(WAIT).until(() -> consumed(e.id()));
    }

    /** An orthopaedic surgeon licensed in one state only. */
    private static SpecialistUpserted snapshot(UUID id, long version, String user, String state,
                                               int turnaroundHours, List<SpecialistUpserted.Absence> outOfOffice) {
        return new SpecialistUpserted(id, version, user, "ACTIVE", true, "ORTHOPAEDIC_SURGERY", List.of(),
                List.of("ORTHOPAEDIC_SURGERY"), List.of(state), List.of("en"), List.of("63030"), false, null,
                List.of(), 5, turnaroundHours, outOfOffice);
    }

    private String outOfOfficeColumn(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT out_of_office::text FROM specialist_projection WHERE specialist_id = ?1")
                .setParameter(1, id).getSingleResult());
    }

    private Response assign(UUID caseId, UUID specialistId, String reason, boolean force) {
        return given().auth().oauth2(COORDINATOR).contentType(ContentType.JSON)
                .body("{\"specialistId\":\"" + specialistId + "\",\"reason\":\"" + reason + "\",\"force\":" + force
                        + "}")
                .post("/api/v1/matches/{caseId}/assign", caseId);
    }
}
