package org.secondopinion.specialist.directory;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.secondopinion.infra.testing.EventProbe;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.events.EventTypes;
import org.secondopinion.platform.events.Topics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.secondopinion.specialist.directory.DirectoryFixtures.ADMIN;
import static org.secondopinion.specialist.directory.DirectoryFixtures.create;
import static org.secondopinion.specialist.directory.DirectoryFixtures.license;
import static org.secondopinion.specialist.directory.DirectoryFixtures.specialist;

@QuarkusTest
class SpecialistResourceTest {

    private static final String PATIENT = TestTokens.patient("patient1");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void searchCombinesSpecialtyStateLanguageAndAvailability() {
        String tag = DirectoryFixtures.uniqueTag();
        Map<String, Object> bilingual = specialist(tag + "Alpha");
        bilingual.put("languages", List.of("en", "es"));
        String alpha = create(bilingual);
        Map<String, Object> newYork = specialist(tag + "Bravo");
        newYork.put("licenses", List.of(license("NY", "VERIFIED")));
        create(newYork);
        Map<String, Object> neuro = specialist(tag + "Charlie");
        neuro.put("primarySpecialty", "NEUROSURGERY");
        create(neuro);
        Map<String, Object> full = specialist(tag + "Delta");
        full.put("acceptingNewCases", false);
        String delta = create(full);
        Map<String, Object> pendingLicence = specialist(tag + "Echo");
        pendingLicence.put("licenses", List.of(license("CA", "PENDING")));
        create(pendingLicence);

        given().auth().oauth2(PATIENT)
                .queryParam("q", tag).queryParam("specialty", "ORTHOPAEDIC_SURGERY").queryParam("state", "CA")
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", contains(alpha, delta));

        given().auth().oauth2(PATIENT)
                .queryParam("q", tag).queryParam("specialty", "ORTHOPAEDIC_SURGERY").queryParam("state", "CA")
                .queryParam("acceptingNewCases", true)
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("items.id", contains(alpha));

        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("language", "es")
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("items.id", contains(alpha));

        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("specialty", "NEUROSURGERY")
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("items.familyName", contains(tag + "Charlie"));
    }

    @Test
    void searchPagesThroughResultsInNameOrder() {
        String tag = DirectoryFixtures.uniqueTag();
        for (String suffix : List.of("Cc", "Aa", "Bb")) {
            create(specialist(tag + suffix));
        }

        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("size", 2).queryParam("page", 0)
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.familyName", contains(tag + "Aa", tag + "Bb"));

        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.familyName", contains(tag + "Cc"));

        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("size", 2).queryParam("page", 2)
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(2))
                .body("items", empty());
    }

    @Test
    void searchSortsByTurnaroundOrExperienceOnRequest() {
        String tag = DirectoryFixtures.uniqueTag();
        Map<String, Object> slow = specialist(tag + "Aa");
        slow.put("typicalTurnaroundHours", 96);
        slow.put("yearsInPractice", 30);
        create(slow);
        Map<String, Object> quick = specialist(tag + "Bb");
        quick.put("typicalTurnaroundHours", 12);
        quick.put("yearsInPractice", 3);
        create(quick);
        Map<String, Object> middle = specialist(tag + "Cc");
        middle.put("typicalTurnaroundHours", 48);
        middle.put("yearsInPractice", 15);
        create(middle);

        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("sort", "turnaround")
                .when().get("/api/v1/specialists")
                .then().statusCode(200).body("items.familyName", contains(tag + "Bb", tag + "Cc", tag + "Aa"));
        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("sort", "experience")
                .when().get("/api/v1/specialists")
                .then().statusCode(200).body("items.familyName", contains(tag + "Aa", tag + "Cc", tag + "Bb"));
        // nobody is rated yet: rating order falls back to names
        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("sort", "rating")
                .when().get("/api/v1/specialists")
                .then().statusCode(200).body("items.familyName", contains(tag + "Aa", tag + "Bb", tag + "Cc"));
        given().auth().oauth2(PATIENT).queryParam("q", tag).queryParam("sort", "price; DROP TABLE specialist")
                .when().get("/api/v1/specialists")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("sort"));
    }

    @Test
    void freeTextFindsWordsOfTheBioAndTheExpertise() {
        String tag = DirectoryFixtures.uniqueTag(); // given name of all three: one word no other test uses
        String bioWord = tag.toLowerCase() + "osis";
        Map<String, Object> bio = specialist(tag + "Bio");
        bio.put("givenName", tag);
        bio.put("bio", "Treats " + bioWord + " and other rare conditions after trauma.");
        String bioId = create(bio);
        Map<String, Object> expertise = specialist(tag + "Knee");
        expertise.put("givenName", tag);
        expertise.put("subspecialties", List.of("SPORTS_MEDICINE"));
        expertise.put("procedureExpertise", List.of("29881", "27447"));
        String expertiseId = create(expertise);
        Map<String, Object> other = specialist(tag + "Spine");
        other.put("givenName", tag);
        String otherId = create(other);

        // a word of the bio, whatever its case
        search(Map.of("q", bioWord.toUpperCase())).body("items.id", contains(bioId));
        search(Map.of("q", tag + " trauma")).body("items.id", contains(bioId));
        // a procedure code, a subspecialty as words (web-search syntax: quoted phrase), an excluded word
        search(Map.of("q", tag + " 27447")).body("items.id", contains(expertiseId));
        search(Map.of("q", tag + " \"sports medicine\"")).body("items.id", contains(expertiseId));
        search(Map.of("q", tag + " -29881")).body("total", equalTo(2)).body("items.id", contains(bioId, otherId));
        // every word must match
        search(Map.of("q", tag + " 99999")).body("total", equalTo(0)).body("items", empty());
    }

    @Test
    void freeTextStillFindsPartOfANameAndAnNpi() {
        String tag = DirectoryFixtures.uniqueTag();
        Map<String, Object> body = specialist(tag + "OBrien");
        String id = create(body);

        search(Map.of("q", (tag + "obri").toUpperCase())).body("items.id", contains(id));
        search(Map.of("q", body.get("npi"))).body("items.id", contains(id));
    }

    @Test
    void subspecialtyFilterNarrowsTheSearch() {
        String tag = DirectoryFixtures.uniqueTag();
        Map<String, Object> hand = specialist(tag + "Hand");
        hand.put("subspecialties", List.of("HAND", "SPORTS_MEDICINE"));
        String handId = create(hand);
        create(specialist(tag + "Spine"));

        search(Map.of("q", tag, "subspecialty", "HAND")).body("items.id", contains(handId));
        search(Map.of("q", tag, "subspecialty", "SPINE")).body("items.familyName", contains(tag + "Spine"));
    }

    @Test
    void freeTextThatIsTooLongOrHasControlCharactersIsRefusedNamingQ() {
        given().auth().oauth2(PATIENT).queryParam("q", "a".repeat(101))
                .when().get("/api/v1/specialists")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("q"));

        given().auth().oauth2(PATIENT).queryParam("q", "spine\u0000")
                .when().get("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", contains("q"));

        // punctuation alone has no words to look for: an empty page, not an error
        search(Map.of("q", "!!! & |")).body("total", equalTo(0));
    }

    private static ValidatableResponse search(Map<String, ?> query) {
        return given().auth().oauth2(PATIENT).queryParams(query)
                .when().get("/api/v1/specialists")
                .then().statusCode(200);
    }

    @Test
    void oversizedPagesAndUnknownFiltersAreRefusedNamingTheParameter() {
        given().auth().oauth2(PATIENT).queryParam("size", 500)
                .when().get("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", hasItem("size"));

        given().auth().oauth2(PATIENT).queryParam("specialty", "PODIATRY")
                .when().get("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", hasItem("specialty"));
    }

    @Test
    void theDirectoryShowsPublicFieldsOnly() {
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", "doc-" + UUID.randomUUID());
        String id = create(body);

        given().auth().oauth2(PATIENT)
                .when().get("/api/v1/specialists/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("npi", equalTo(body.get("npi")))
                .body("primarySpecialty", equalTo("ORTHOPAEDIC_SURGERY"))
                .body("primarySpecialtyName", equalTo("Orthopaedic Surgery"))
                .body("licenses[0].state", equalTo("CA"))
                .body("$", not(hasKey("userId")))
                .body("$", not(hasKey("capacity")))
                .body("$", not(hasKey("version")))
                .body("licenses[0]", not(hasKey("number")));

        given().auth().oauth2(PATIENT).queryParam("q", body.get("familyName"))
                .when().get("/api/v1/specialists")
                .then().statusCode(200)
                .body("items[0].id", equalTo(id))
                .body("items[0]", not(hasKey("userId")))
                .body("items[0]", not(hasKey("capacity")));
    }

    @Test
    void specialistsStillOnboardingAreHiddenFromEveryoneButAdmins() {
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("status", "ONBOARDING");
        String id = create(body);

        given().auth().oauth2(PATIENT).when().get("/api/v1/specialists/{id}", id).then().statusCode(404);
        given().auth().oauth2(PATIENT).queryParam("q", body.get("familyName"))
                .when().get("/api/v1/specialists").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}", id)
                .then().statusCode(200).body("status", equalTo("ONBOARDING"));
    }

    @Test
    void unknownSpecialistIsNotFound() {
        given().auth().oauth2(PATIENT)
                .when().get("/api/v1/specialists/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theDirectoryNeedsASignedInCaller() {
        given().when().get("/api/v1/specialists").then().statusCode(401);
        given().when().get("/api/v1/specialists/{id}", UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/api/v1/specialists").then().statusCode(401);
    }

    @Test
    void patientCannotAddSpecialists() {
        given().auth().oauth2(PATIENT).contentType(ContentType.JSON).body(specialist("Nobody"))
                .when().post("/api/v1/specialists")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.specialist("specialist1")).contentType(ContentType.JSON)
                .body(specialist("Nobody"))
                .when().post("/api/v1/specialists")
                .then().statusCode(403);
    }

    @Test
    void adminAddsASpecialistAndGetsItsLocation() {
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        String location = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(201)
                .body("npi", equalTo(body.get("npi")))
                .body("capacity", equalTo(8))
                .body("snapshotVersion", equalTo(1))
                .body("certifications[0].status", equalTo("VERIFIED"))
                .extract().header("Location");

        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(location).endsWith("/api/v1/specialists/" + id);
        given().auth().oauth2(PATIENT).when().get(location).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void invalidNpiIsRefusedNamingNpi() {
        Map<String, Object> body = specialist("BadNpi");
        body.put("npi", "1234567890");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("npi"));
    }

    @Test
    void unknownSpecialtyIsRefusedNamingTheField() {
        Map<String, Object> body = specialist("BadSpecialty");
        body.put("primarySpecialty", "PODIATRY");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", contains("primarySpecialty"));
    }

    @Test
    void missingAndMalformedFieldsAreNamed() {
        Map<String, Object> body = specialist("Incomplete");
        body.remove("givenName");
        body.put("licenses", List.of(Map.of("state", "California", "number", "1")));
        body.put("timeZone", "Mars/Olympus_Mons");

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", containsInAnyOrder("givenName", "licenses[0].state"));

        Map<String, Object> badZone = specialist("BadZone");
        badZone.put("timeZone", "Mars/Olympus_Mons");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(badZone)
                .when().post("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", contains("timeZone"));

        Map<String, Object> badCredentials = specialist("BadCredentials");
        badCredentials.put("credentials", "PhD");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(badCredentials)
                .when().post("/api/v1/specialists")
                .then().statusCode(400)
                .body("violations.field", contains("credentials"));
    }

    @Test
    void duplicateNpiIsAConflictNamingNpi() {
        Map<String, Object> first = specialist(DirectoryFixtures.uniqueTag());
        create(first);
        Map<String, Object> second = specialist(DirectoryFixtures.uniqueTag());
        second.put("npi", first.get("npi"));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(second)
                .when().post("/api/v1/specialists")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations.field", contains("npi"));
    }

    @Test
    void specialistSeesAndEditsTheirOwnProfile() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        String id = create(body);
        String token = TestTokens.specialist(userId);

        given().auth().oauth2(token).when().get("/api/v1/specialists/me")
                .then().statusCode(200)
                .body("id", equalTo(id)).body("userId", equalTo(userId)).body("capacity", equalTo(8))
                .body("licenses[0].number", equalTo(((Map<?, ?>) ((List<?>) body.get("licenses")).get(0)).get("number")));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("acceptingNewCases", false, "capacity", 3, "languages", List.of("en", "fr")))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(200)
                .body("acceptingNewCases", equalTo(false)).body("capacity", equalTo(3))
                .body("languages", contains("en", "fr"))
                .body("bio", equalTo("Spine surgeon.")) // untouched
                .body("typicalTurnaroundHours", equalTo(48))
                .body("snapshotVersion", equalTo(2));

        given().auth().oauth2(token).when().get("/api/v1/specialists/me")
                .then().statusCode(200).body("capacity", equalTo(3)).body("acceptingNewCases", equalTo(false));
    }

    @Test
    void ownProfileEditsAreValidatedNamingTheField() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        create(body);

        given().auth().oauth2(TestTokens.specialist(userId)).contentType(ContentType.JSON)
                .body(Map.of("capacity", -1))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(400)
                .body("violations.field", contains("capacity"));
    }

    @Test
    void specialistSetsReplacesAndClearsTheirOutOfOfficePeriods() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        String id = create(body);
        String token = TestTokens.specialist(userId);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("outOfOffice", List.of(
                        Map.of("from", "2026-12-20", "to", "2027-01-02", "note", "holidays"),
                        Map.of("from", "2026-12-01", "to", "2026-12-01"))))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(200)
                .body("outOfOffice.from", contains("2026-12-01", "2026-12-20")) // in date order
                .body("outOfOffice.to", contains("2026-12-01", "2027-01-02"))
                .body("outOfOffice[1].note", equalTo("holidays"));

        // other edits leave the periods alone
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("capacity", 4))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(200).body("outOfOffice", hasSize(2));
        given().auth().oauth2(ADMIN).when().get("/api/v1/specialists/{id}/profile", id)
                .then().statusCode(200).body("outOfOffice.from", contains("2026-12-01", "2026-12-20"));
        // the public directory does not show when (or why) someone is away
        given().auth().oauth2(PATIENT).when().get("/api/v1/specialists/{id}", id)
                .then().statusCode(200).body("$", not(hasKey("outOfOffice")));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("outOfOffice", List.of(Map.of("from", "2027-03-01", "to", "2027-03-05"))))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(200).body("outOfOffice.from", contains("2027-03-01"));

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("outOfOffice", List.of()))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(200).body("outOfOffice", empty());
        given().auth().oauth2(token).when().get("/api/v1/specialists/me")
                .then().statusCode(200).body("outOfOffice", empty());
    }

    @Test
    void invalidOutOfOfficePeriodsAreRefusedNamingTheField() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        create(body);
        String token = TestTokens.specialist(userId);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("outOfOffice", List.of(Map.of("from", "2026-12-20", "to", "2026-12-19"))))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("outOfOffice[0].to"));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("outOfOffice", List.of(Map.of("from", "2026-12-20", "to", "2026-12-31"),
                        Map.of("from", "2026-12-24", "to", "2026-12-26"))))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(400)
                .body("violations.field", contains("outOfOffice[1]"));

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("outOfOffice", List.of(Map.of("to", "2026-12-31"))))
                .when().patch("/api/v1/specialists/me")
                .then().statusCode(400)
                .body("violations.field", contains("outOfOffice[0].from"));

        // nothing of the refused edits was kept
        given().auth().oauth2(token).when().get("/api/v1/specialists/me")
                .then().statusCode(200).body("outOfOffice", empty())
                .body("snapshotVersion", equalTo(1));
    }

    @Test
    void specialistWithoutAProfileHasNoOwnProfile() {
        String stranger = TestTokens.specialist("doc-without-profile-" + UUID.randomUUID());
        given().auth().oauth2(stranger).when().get("/api/v1/specialists/me").then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("capacity", 2))
                .when().patch("/api/v1/specialists/me").then().statusCode(404);
    }

    @Test
    void patientHasNoOwnSpecialistProfile() {
        given().auth().oauth2(PATIENT).when().get("/api/v1/specialists/me").then().statusCode(403);
        given().when().get("/api/v1/specialists/me").then().statusCode(401);
    }

    @Test
    void addingASpecialistPublishesTheirSnapshot() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        body.put("licenses", List.of(license("CA", "VERIFIED"), license("NV", "VERIFIED"), license("OR", "PENDING")));

        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            String id = create(body);

            JsonNode event = probe.await(EventTypes.SPECIALIST_UPSERTED, id, EVENT_TIMEOUT);
            JsonNode data = event.path("data");
            assertThat(data.path("specialistId").asText()).isEqualTo(id);
            assertThat(data.path("version").asLong()).isEqualTo(1);
            assertThat(data.path("userId").asText()).isEqualTo(userId);
            assertThat(data.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(data.path("primarySpecialty").asText()).isEqualTo("ORTHOPAEDIC_SURGERY");
            assertThat(data.path("certifiedSpecialties")).extracting(JsonNode::asText).containsExactly("ORTHOPAEDIC_SURGERY");
            assertThat(data.path("licensedStates")).extracting(JsonNode::asText).containsExactly("CA", "NV");
            assertThat(data.path("npi").asText()).isEqualTo(body.get("npi"));
            assertThat(data.path("capacity").asInt()).isEqualTo(8);
            assertThat(data.has("givenName")).isFalse();
            assertThat(data.has("familyName")).isFalse();
        }
    }

    @Test
    void editingOwnProfilePublishesANewerSnapshot() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        String id = create(body);

        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            given().auth().oauth2(TestTokens.specialist(userId)).contentType(ContentType.JSON)
                    .body(Map.of("acceptingNewCases", false, "typicalTurnaroundHours", 72))
                    .when().patch("/api/v1/specialists/me")
                    .then().statusCode(200);

            JsonNode data = probe.await(EventTypes.SPECIALIST_UPSERTED, id, EVENT_TIMEOUT).path("data");
            assertThat(data.path("version").asLong()).isEqualTo(2);
            assertThat(data.path("acceptingNewCases").asBoolean()).isFalse();
            assertThat(data.path("typicalTurnaroundHours").asInt()).isEqualTo(72);
        }
    }

    @Test
    void outOfOfficePeriodsReachTheSnapshotWithoutTheirNotes() {
        String userId = "doc-" + UUID.randomUUID();
        Map<String, Object> body = specialist(DirectoryFixtures.uniqueTag());
        body.put("userId", userId);
        String id = create(body);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        try (EventProbe probe = EventProbe.on(Topics.SPECIALIST_EVENTS)) {
            given().auth().oauth2(TestTokens.specialist(userId)).contentType(ContentType.JSON)
                    .body(Map.of("outOfOffice", List.of(
                            Map.of("from", today.plusDays(30).toString(), "to", today.plusDays(32).toString(),
                                    "note", "conference in Lisbon"),
                            Map.of("from", today.toString(), "to", today.plusDays(6).toString()))))
                    .when().patch("/api/v1/specialists/me")
                    .then().statusCode(200);

            JsonNode data = probe.await(e -> EventTypes.SPECIALIST_UPSERTED.equals(e.path("type").asText())
                    && id.equals(e.path("subject").asText())
                    && e.path("data").path("version").asLong() == 2, EVENT_TIMEOUT).path("data");
            assertThat(data.path("outOfOffice")).hasSize(2);
            assertThat(data.path("outOfOffice").get(0).path("from").asText()).isEqualTo(today.toString());
            assertThat(data.path("outOfOffice").get(0).path("to").asText()).isEqualTo(today.plusDays(6).toString());
            assertThat(data.path("outOfOffice").get(1).path("from").asText())
                    .isEqualTo(today.plusDays(30).toString());
            assertThat(data.path("outOfOffice").get(1).path("to").asText()).isEqualTo(today.plusDays(32).toString());
            assertThat(data.toString()).doesNotContain("Lisbon").doesNotContain("note");

            // clearing them publishes a snapshot saying so: matching must learn the specialist is back
            given().auth().oauth2(TestTokens.specialist(userId)).contentType(ContentType.JSON)
                    .body(Map.of("outOfOffice", List.of()))
                    .when().patch("/api/v1/specialists/me")
                    .then().statusCode(200);
            JsonNode cleared = probe.await(e -> id.equals(e.path("subject").asText())
                    && e.path("data").path("version").asLong() == 3, EVENT_TIMEOUT).path("data");
            assertThat(cleared.path("outOfOffice").isArray()).isTrue();
            assertThat(cleared.path("outOfOffice")).isEmpty();
        }
    }

    @Test
    void specialtiesAreListedWithTheirNuccCodes() {
        given().auth().oauth2(PATIENT).when().get("/api/v1/specialties")
                .then().statusCode(200)
                .body("size()", equalTo(12))
                .body("find { it.code == 'ORTHOPAEDIC_SURGERY' }.nuccTaxonomyCode", equalTo("207X00000X"))
                .body("find { it.code == 'NEUROSURGERY' }.nuccTaxonomyCode", equalTo("207T00000X"))
                .body("find { it.code == 'SURGICAL_ONCOLOGY' }.displayName", equalTo("Surgical Oncology"));
        given().when().get("/api/v1/specialties").then().statusCode(401);
    }
}
