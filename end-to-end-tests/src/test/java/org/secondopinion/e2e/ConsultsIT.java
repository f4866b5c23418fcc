package org.secondopinion.e2e;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.secondopinion.stack.LocalStack;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * A live consult through the gateway, on the shared stack (which books at 20 s notice and lets a patient move a
 * consult up to 30 minutes before it, see {@link SharedStack}): a case assigned to a specialist; the specialist
 * publishes availability; the patient lists the slots in their own zone and books one an hour ahead; the 1-hour
 * reminder reaches the patient's feed and mailbox; the specialist can see them sooner, the patient moves the consult
 * to a slot starting in under a minute; once it has started the specialist completes it with a note, which the patient
 * reads with the case. Nobody else sees the consult, and the join link is given only in its window. The calendar
 * invitation ({@code .ics}, read with ical4j as a calendar app would) keeps its UID and raises its SEQUENCE when the
 * consult moves. A follow-up the patient cancels (its invitation says CANCELLED). And on the patient's second case, a
 * consult the patient misses (the specialist marks it no-show; there is no room to join any more): booked at the
 * start, it has begun by the time the reminder has come, so that the test waits for the clock once, not twice.
 */
@ExtendWith(SharedStack.class)
class ConsultsIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);
    /** How far ahead the test's "starting in under a minute" slots start: the stack's 20 s notice, and 20 s to spare. */
    private static final Duration SOON = Duration.ofSeconds(40);
    private static final String PATIENT = "patient2";
    private static final String PATIENT_EMAIL = "patient2@example.com";
    private static final String NOTE = "Discussed conservative care first: six weeks of physiotherapy, then review.";
    private static LocalStack stack;

    @BeforeAll
    static void theWholeSystem() {
        stack = SharedStack.stack();
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(stack.token(user)).contentType(ContentType.JSON);
    }

    @Test
    void aPatientBooksIsRemindedMovesTheConsultAndReadsTheNoteOnlyTheTwoSeeIt() throws Exception {
        as(PATIENT).body(Map.of("email", PATIENT_EMAIL)).put("/api/v1/notification-preferences").then()
                .statusCode(200);
        String[] first = submitted();
        String[] second = submitted();
        String caseId = first[0];
        String reference = first[1];
        String specialist = assigned(caseId, reference);
        String secondSpecialist = assigned(second[0], second[1]);
        String consults = "/api/v1/cases/" + caseId + "/consults";

        // no availability published for these cases' consults yet, or an older one: the specialists publish a window
        // an hour (and 30 seconds) from now, and one starting in under a minute for the second case, in a zone where
        // that is mid-morning so that no window crosses midnight
        ZoneId zone = zoneWhereItIsMorning(Instant.now());
        Instant later = Instant.now().plus(Duration.ofHours(1)).plus(Duration.ofSeconds(30))
                .truncatedTo(ChronoUnit.SECONDS);
        Instant missed = Instant.now().plus(SOON).truncatedTo(ChronoUnit.SECONDS);
        Map<String, List<Map<String, Object>>> windows = new HashMap<>();
        windows.computeIfAbsent(specialist, s -> new ArrayList<>()).add(window(later, zone));
        windows.computeIfAbsent(secondSpecialist, s -> new ArrayList<>()).add(window(missed, zone));
        windows.forEach((s, w) -> publish(s, zone, w));

        // the patient, in California, sees that slot in their own zone and books it
        OffsetDateTime offered = await().atMost(ASYNC).until(() -> slotStarting(caseId, later), s -> s != null);
        assertThat(offered.getOffset()).isEqualTo(ZoneId.of("America/Los_Angeles").getRules().getOffset(later));
        String consultId = as(PATIENT).body(Map.of("startsAt", offered.toString())).post(consults).then()
                .statusCode(201).header("Location", containsString(consults + "/"))
                .body("status", equalTo("BOOKED")).body("startsAt", equalTo(later.toString()))
                .body("note", equalTo(null)).extract().path("id");
        String consult = consults + "/" + consultId;
        // and, on the second case, the one that starts in under a minute
        String secondConsults = "/api/v1/cases/" + second[0] + "/consults";
        OffsetDateTime missedSlot = await().atMost(ASYNC).until(() -> slotStarting(second[0], missed), s -> s != null);
        String noShow = secondConsults + "/" + as(PATIENT).body(Map.of("startsAt", missedSlot.toString()))
                .post(secondConsults).then().statusCode(201).extract().path("id");
        // its calendar invitation, in the patient's zone, through the gateway
        VEvent invited = invitation(consult);
        assertThat(start(invited)).isEqualTo(later);
        assertThat(sequence(invited)).isZero();
        // one upcoming consult per case
        as(PATIENT).body(Map.of("startsAt", offered.toString())).post(consults).then().statusCode(409);

        // nobody but the two sees it: another patient, and the specialist who was not assigned, get 404
        String other = "specialist1".equals(specialist) ? "specialist2" : "specialist1";
        for (String outsider : List.of("patient1", other)) {
            as(outsider).get(consult).then().statusCode(404);
            as(outsider).get(consults).then().statusCode(404);
            as(outsider).get(consult + "/join").then().statusCode(404);
        }
        as("patient1").body(Map.of("startsAt", offered.toString())).post(consults).then().statusCode(404);
        // an hour ahead the room is not open yet: no link for either participant
        as(PATIENT).get(consult + "/join").then().statusCode(409).body(not(containsString("http")));
        as(specialist).get(consult + "/join").then().statusCode(409);
        // nor can it be completed before it starts
        as(specialist).body(Map.of("note", NOTE)).post(consult + "/complete").then().statusCode(409);

        // the 1-hour reminder (the 24-hour one would have been due already) reaches the patient's feed, PHI-free...
        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> as(PATIENT).get("/api/v1/notifications?size=50")
                .then().statusCode(200)
                .body("items.findAll { it.kind == 'CONSULT_REMINDER' }.caseReference", hasItem(reference))
                .body("items.findAll { it.caseReference == '" + reference + "' }.text",
                        not(hasItem(containsString("microdiscectomy")))));
        // ...and their mailbox
        MimeMessage reminder = await().atMost(ASYNC).until(() -> mailTo(PATIENT_EMAIL, reference, "starts soon"),
                m -> m != null);
        assertThat(GreenMailUtil.getBody(reminder)).contains(reference)
                .doesNotContain("M51.26", "63030", "Lumbar", "microdiscectomy", "Cutter", NOTE);

        // the second case's consult has started meanwhile, and the patient is not there: the specialist (not the
        // patient) marks it no-show; the patient sees that and gets no room
        as(PATIENT).post(noShow + "/no-show").then().statusCode(403);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                as(secondSpecialist).post(noShow + "/no-show").then().statusCode(200)
                        .body("status", equalTo("NO_SHOW")));
        as(PATIENT).get(noShow).then().statusCode(200).body("status", equalTo("NO_SHOW"));
        as(PATIENT).get(secondConsults).then().statusCode(200)
                .body("findAll { it.status == 'NO_SHOW' }.size()", equalTo(1));
        as(PATIENT).get(noShow + "/join").then().statusCode(409).body(not(containsString("http")));

        // the specialist opens a slot starting in under a minute and the patient moves the consult there
        Instant soon = Instant.now().plus(SOON).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> own = windows.get(specialist);
        own.remove(window(missed, zone)); // the no-show's window, if it was theirs: windows may not overlap
        own.add(window(soon, zone));
        publish(specialist, zone, own);
        OffsetDateTime sooner = await().atMost(ASYNC).until(() -> slotStarting(caseId, soon), s -> s != null);
        as(PATIENT).body(Map.of("startsAt", sooner.toString())).post(consult + "/reschedule").then().statusCode(200)
                .body("id", equalTo(consultId)).body("startsAt", equalTo(soon.toString()))
                .body("sequence", equalTo(1));
        // the updated invitation replaces the first in the calendar: the same UID, a higher SEQUENCE, the new time
        VEvent moved = invitation(consult);
        assertThat(uid(moved)).isEqualTo(uid(invited));
        assertThat(sequence(moved)).isGreaterThan(sequence(invited));
        assertThat(start(moved)).isEqualTo(soon);

        // within 15 minutes of the start each participant gets a link to the room; others still get nothing
        as(PATIENT).get(consult + "/join").then().statusCode(200).body("url", startsWith("https://"));
        as(specialist).get(consult + "/join").then().statusCode(200).body("url", startsWith("https://"));
        as("patient1").get(consult + "/join").then().statusCode(404);

        // once it has started the specialist completes it with a note...
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                as(specialist).body(Map.of("note", NOTE)).post(consult + "/complete").then().statusCode(200)
                        .body("status", equalTo("COMPLETED")));
        // ...that the patient reads with the case's consults, and nobody else does
        as(PATIENT).get(consults).then().statusCode(200)
                .body("find { it.id == '" + consultId + "' }.status", equalTo("COMPLETED"))
                .body("find { it.id == '" + consultId + "' }.note", equalTo(NOTE));
        as(PATIENT).get(consult).then().statusCode(200).body("note", equalTo(NOTE));
        as("patient1").get(consult).then().statusCode(404).body(not(containsString("physiotherapy")));
        // a completed consult has no room any more
        as(PATIENT).get(consult + "/join").then().statusCode(409);

        // a follow-up in the hour-ahead slot (free again since the move), which the patient cancels: the invitation
        // becomes a cancellation of the same event
        String followUp = consults + "/" + as(PATIENT).body(Map.of("startsAt", offered.toString())).post(consults)
                .then().statusCode(201).extract().path("id");
        VEvent followUpInvited = invitation(followUp);
        as(PATIENT).body(Map.of()).post(followUp + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        VEvent cancelled = invitation(followUp);
        assertThat(uid(cancelled)).isEqualTo(uid(followUpInvited)).isNotEqualTo(uid(invited));
        assertThat(sequence(cancelled)).isGreaterThan(sequence(followUpInvited));
        assertThat(cancelled.getProperty("STATUS").orElseThrow().getValue()).isEqualTo("CANCELLED");
        as(PATIENT).get(consults).then().statusCode(200)
                .body("find { it.id == '" + consultId + "' }.status", equalTo("COMPLETED"))
                .body("findAll { it.status == 'CANCELLED' }.size()", equalTo(1))
                .body("findAll { it.status == 'NO_SHOW' }.size()", equalTo(0));
    }

    /** A spine case of the patient's, created and submitted: {case id, reference}. */
    private static String[] submitted() {
        String caseId = as(PATIENT).body(DemoScenario.SPINE_CASE).post("/api/v1/cases").then().statusCode(201)
                .extract().path("id");
        String reference = as(PATIENT).body(Map.of("consent", Map.of("version", "2026-01", "accepted", true)))
                .post("/api/v1/cases/" + caseId + "/submit").then().statusCode(200).extract().path("reference");
        return new String[]{caseId, reference};
    }

    /** The consult's calendar invitation in the patient's zone, as a calendar app reads it: its one event. */
    private static VEvent invitation(String consult) throws Exception {
        String ics = as(PATIENT).accept("text/calendar").get(consult + ".ics?zone=America/Los_Angeles").then()
                .statusCode(200).contentType(startsWith("text/calendar")).extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    }

    private static String uid(VEvent event) {
        return event.getProperty("UID").orElseThrow().getValue();
    }

    private static int sequence(VEvent event) {
        return Integer.parseInt(event.getProperty("SEQUENCE").orElseThrow().getValue());
    }

    private static Instant start(VEvent event) {
        return Instant.from(event.<Temporal>getStartDate().orElseThrow().getDate());
    }

    /** Submitted, offered to a demo spine surgeon who accepts (specialist1 first, see {@link DemoScenario}). */
    private static String assigned(String caseId, String reference) {
        String[] offer = await().atMost(ASYNC).until(() -> offerFor(reference), o -> o != null);
        as(offer[0]).post("/api/v1/offers/" + offer[1] + "/accept").then().statusCode(200);
        await().atMost(ASYNC).untilAsserted(() -> as(PATIENT).get("/api/v1/cases/" + caseId).then()
                .statusCode(200).body("status", equalTo("ASSIGNED")));
        return offer[0];
    }

    /** {specialist, offer id} of the pending offer of this case, or null while there is none. */
    private static String[] offerFor(String reference) {
        for (String specialist : List.of("specialist1", "specialist2")) {
            List<Map<String, Object>> offers = as(specialist).get("/api/v1/offers").then().statusCode(200)
                    .extract().path("items");
            if (offers != null) {
                for (Map<String, Object> o : offers) {
                    if (reference.equals(o.get("caseReference"))) {
                        return new String[]{specialist, (String) o.get("id")};
                    }
                }
            }
        }
        return null;
    }

    private static void publish(String specialist, ZoneId zone, List<Map<String, Object>> windows) {
        as(specialist).body(Map.of("timeZone", zone.getId(), "slotMinutes", 20, "bufferMinutes", 0,
                        "weekly", List.of(), "exceptions", windows))
                .put("/api/v1/specialists/me/availability").then().statusCode(200)
                .body("version", notNullValue());
    }

    /** An extra window holding exactly one 20-minute slot from {@code start}. */
    private static Map<String, Object> window(Instant start, ZoneId zone) {
        ZonedDateTime local = start.atZone(zone);
        LocalTime from = local.toLocalTime();
        return Map.of("date", local.toLocalDate().toString(), "kind", "EXTRA", "from", from.toString(),
                "to", from.plusMinutes(20).toString());
    }

    /** The offered slot starting at {@code start}, as the patient sees it in Los Angeles time, or null. */
    private static OffsetDateTime slotStarting(String caseId, Instant start) {
        List<String> starts = as(PATIENT).get("/api/v1/cases/" + caseId + "/consults/slots?zone=America/Los_Angeles")
                .then().extract().path("slots.startsAt");
        return starts == null ? null : starts.stream().map(OffsetDateTime::parse)
                .filter(s -> s.toInstant().equals(start)).findFirst().orElse(null);
    }

    /** A zone (whole hours from UTC, a region id the availability accepts) where it is between 10:00 and 11:00. */
    private static ZoneId zoneWhereItIsMorning(Instant now) {
        int offset = 10 - now.atZone(ZoneOffset.UTC).getHour();
        if (offset < -12) {
            offset += 24;
        }
        // the Etc zones' sign is inverted (POSIX): Etc/GMT-3 is three hours ahead of UTC
        return ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + -offset);
    }

    private static MimeMessage mailTo(String address, String reference, String bodyText) {
        return stack.mail().received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address) && m.getSubject().contains(reference)
                        && GreenMailUtil.getBody(m).contains(bodyText);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }
}
