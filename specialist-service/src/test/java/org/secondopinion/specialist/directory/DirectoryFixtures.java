package org.secondopinion.specialist.directory;

import io.restassured.http.ContentType;
import org.secondopinion.infra.testing.TestTokens;
import org.secondopinion.platform.reference.Npi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Builds specialists through the admin API; unique NPIs and names so tests sharing one database stay apart. */
public final class DirectoryFixtures {

    private static final AtomicInteger NEXT = new AtomicInteger(new Random().nextInt(5_000_000));
    public static final String ADMIN = TestTokens.admin("admin1");

    private DirectoryFixtures() {
    }

    static String uniqueNpi() {
        return Npi.withCheckDigit(String.format("18%07d", NEXT.incrementAndGet()));
    }

    /** A token that appears in no other test's names, for searches with {@code q}. */
    public static String uniqueTag() {
        StringBuilder tag = new StringBuilder("Zq");
        int n = NEXT.incrementAndGet();
        for (int i = 0; i < 6; i++) {
            tag.append((char) ('a' + n % 26));
            n /= 26;
        }
        return tag + Integer.toString(new Random().nextInt(1000));
    }

    /** A valid, active orthopaedic surgeon licensed (verified) in CA; tests override what they need. */
    public static Map<String, Object> specialist(String familyName) {
        Map<String, Object> body = new HashMap<>();
        body.put("npi", uniqueNpi());
        body.put("givenName", "Ada");
        body.put("familyName", familyName);
        body.put("credentials", "MD");
        body.put("primarySpecialty", "ORTHOPAEDIC_SURGERY");
        body.put("subspecialties", List.of("SPINE"));
        body.put("procedureExpertise", List.of("63030"));
        body.put("nonOperativeExpertise", true);
        body.put("languages", new ArrayList<>(List.of("en")));
        body.put("affiliations", List.of("Test General Hospital"));
        body.put("yearsInPractice", 12);
        body.put("bio", "Spine surgeon.");
        body.put("timeZone", "America/Los_Angeles");
        body.put("typicalTurnaroundHours", 48);
        body.put("capacity", 8);
        body.put("acceptingNewCases", true);
        body.put("status", "ACTIVE");
        body.put("certifications", List.of(Map.of("board", "American Board of Orthopaedic Surgery",
                "specialty", "ORTHOPAEDIC_SURGERY", "certifiedSince", "2012-07-01", "status", "VERIFIED")));
        body.put("licenses", List.of(license("CA", "VERIFIED")));
        return body;
    }

    public static Map<String, Object> license(String state, String status) {
        return Map.of("state", state, "number", state + "-" + NEXT.incrementAndGet(), "expiresOn", "2099-12-31",
                "status", status);
    }

    /** Creates it as admin1; its id. */
    public static String create(Map<String, Object> body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/specialists")
                .then().statusCode(201).extract().path("id");
    }
}
