package org.secondopinion.specialist.demo;

import org.secondopinion.specialist.directory.Credentials;
import org.secondopinion.specialist.directory.SpecialistDtos.CertificationRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.CreateSpecialistRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseRequest;
import org.secondopinion.specialist.directory.SpecialistStatus;
import org.secondopinion.specialist.credentials.VerificationStatus;
import org.secondopinion.platform.reference.Npi;
import org.secondopinion.platform.reference.Specialty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Generates realistic directories of any size for demos and benchmarks: specialties weighted like the US surgical
 * workforce, licences weighted by state population (most hold one, some two or three), languages and
 * affiliations. Profile {@code i} is always the same (seeded per index), so a benchmark is repeatable and a large
 * directory can be generated in slices.
 * <p>
 * Like the demo directory, it never generates an orthopaedic surgeon licensed in CA: the demo scenario (DESIGN §12)
 * needs specialist1 and specialist2 to be the CA orthopaedic candidates.
 */
public final class DirectoryGenerator {

    /** Approximate share of active US surgeons per specialty (AAMC workforce data, rounded). */
    private static final Object[][] SPECIALTY_WEIGHTS = {
            {Specialty.GENERAL_SURGERY, 25}, {Specialty.GYNECOLOGIC_SURGERY, 20},
            {Specialty.ORTHOPAEDIC_SURGERY, 19}, {Specialty.OPHTHALMOLOGY, 19}, {Specialty.UROLOGY, 10},
            {Specialty.OTOLARYNGOLOGY, 9}, {Specialty.PLASTIC_SURGERY, 7}, {Specialty.NEUROSURGERY, 6},
            {Specialty.CARDIOTHORACIC_SURGERY, 4}, {Specialty.VASCULAR_SURGERY, 4},
            {Specialty.SURGICAL_ONCOLOGY, 2}, {Specialty.COLON_RECTAL_SURGERY, 2}};
    /** States with their approximate population in millions, and a time zone. */
    private static final Object[][] STATES = {
            {"CA", 39, "America/Los_Angeles"}, {"TX", 30, "America/Chicago"}, {"FL", 22, "America/New_York"},
            {"NY", 20, "America/New_York"}, {"PA", 13, "America/New_York"}, {"IL", 13, "America/Chicago"},
            {"OH", 12, "America/New_York"}, {"GA", 11, "America/New_York"}, {"NC", 11, "America/New_York"},
            {"MI", 10, "America/Detroit"}, {"NJ", 9, "America/New_York"}, {"VA", 9, "America/New_York"},
            {"WA", 8, "America/Los_Angeles"}, {"AZ", 7, "America/Phoenix"}, {"MA", 7, "America/New_York"},
            {"TN", 7, "America/Chicago"}, {"IN", 7, "America/Indiana/Indianapolis"}, {"MD", 6, "America/New_York"},
            {"MO", 6, "America/Chicago"}, {"WI", 6, "America/Chicago"}, {"CO", 6, "America/Denver"},
            {"MN", 6, "America/Chicago"}, {"SC", 5, "America/New_York"}, {"AL", 5, "America/Chicago"},
            {"LA", 5, "America/Chicago"}, {"KY", 5, "America/New_York"}, {"OR", 4, "America/Los_Angeles"},
            {"OK", 4, "America/Chicago"}, {"CT", 4, "America/New_York"}, {"UT", 3, "America/Denver"},
            {"NV", 3, "America/Los_Angeles"}, {"IA", 3, "America/Chicago"}, {"AR", 3, "America/Chicago"},
            {"KS", 3, "America/Chicago"}, {"MS", 3, "America/Chicago"}, {"NM", 2, "America/Denver"},
            {"NE", 2, "America/Chicago"}, {"ID", 2, "America/Boise"}, {"HI", 1, "Pacific/Honolulu"},
            {"ME", 1, "America/New_York"}, {"NH", 1, "America/New_York"}, {"RI", 1, "America/New_York"},
            {"MT", 1, "America/Denver"}, {"DE", 1, "America/New_York"}, {"SD", 1, "America/Chicago"},
            {"ND", 1, "America/Chicago"}, {"AK", 1, "America/Anchorage"}, {"VT", 1, "America/New_York"},
            {"WV", 2, "America/New_York"}, {"WY", 1, "America/Denver"}, {"DC", 1, "America/New_York"}};
    /** Other languages than English and their rough share among physicians. */
    private static final Object[][] LANGUAGES = {
            {"es", 14}, {"zh", 4}, {"hi", 4}, {"ar", 2}, {"vi", 2}, {"ko", 2}, {"fr", 2}, {"ru", 2}, {"pt", 1},
            {"tl", 1}, {"de", 1}, {"fa", 1}, {"ur", 1}, {"it", 1}};
    private static final List<String> GIVEN = List.of("James", "Mary", "Robert", "Patricia", "John", "Jennifer",
            "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
            "Thomas", "Sarah", "Christopher", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra",
            "Mark", "Ashley", "Steven", "Emily", "Andrew", "Michelle", "Priya", "Wei", "Mohammed", "Fatima",
            "Hiroshi", "Mei", "Carlos", "Sofia", "Olumide", "Aisha", "Rajesh", "Anjali", "Dmitri", "Elena",
            "Minh", "Linh", "Jae", "Soo-ah", "Omar", "Leila", "Luis", "Camila", "Kwame", "Ngozi");
    private static final List<String> FAMILY = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
            "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
            "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
            "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Shah", "Chen", "Wang", "Kim", "Park", "Singh",
            "Khan", "Ali", "Okafor", "Adeyemi", "Ivanov", "Cohen", "Yamamoto", "Tanaka", "Tran", "Le", "Kowalski",
            "Novak", "Rossi", "Schmidt", "Muller", "Haddad", "Costa", "Silva", "Mensah", "Mehta", "Gupta");
    private static final List<String> INSTITUTION_KINDS = List.of("University Hospital", "Medical Center",
            "Regional Medical Center", "Memorial Hospital", "Surgical Institute", "Health System",
            "Children's Hospital", "Veterans Affairs Medical Center");
    private static final List<String> INSTITUTION_PLACES = List.of("Lakeside", "Riverside", "Summit Valley",
            "Harbor View", "Pinecrest", "Northgate", "Mercy", "St. Brendan's", "Cedar Hills", "Bayfront", "Oak Ridge",
            "Granite Falls", "Westbrook", "Eastfield", "Maple Grove", "Silver Lake", "Stonebridge", "Fairview");

    private static final int SPECIALTY_TOTAL = total(SPECIALTY_WEIGHTS);
    private static final int STATE_TOTAL = total(STATES);

    public record GeneratedSpecialist(UUID id, CreateSpecialistRequest request) {
    }

    private DirectoryGenerator() {
    }

    /** Profile number {@code i} (0-based); ids and NPIs never collide with the demo directory's. */
    public static GeneratedSpecialist generate(int i) {
        Random random = new Random(0x5EED_0000L + i);
        Specialty specialty = (Specialty) pick(SPECIALTY_WEIGHTS, SPECIALTY_TOTAL, random);
        DemoDirectory.Field field = DemoDirectory.field(specialty);

        Set<Integer> stateRows = new LinkedHashSet<>();
        int licenceCount = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
        while (stateRows.size() < licenceCount) {
            int row = pickRow(STATES, STATE_TOTAL, random);
            if (!(specialty == Specialty.ORTHOPAEDIC_SURGERY && STATES[row][0].equals("CA"))) {
                stateRows.add(row);
            }
        }
        int years = 1 + random.nextInt(35);
        LocalDate certifiedSince = LocalDate.of(2026 - years, 1 + random.nextInt(12), 1);
        // about 2% lapse within the next year, so the expiry job has work on large directories
        LocalDate expires = random.nextInt(50) == 0
                ? LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28))
                : LocalDate.of(2027 + random.nextInt(10), 1 + random.nextInt(12), 1);
        boolean onboarding = random.nextInt(20) == 0;
        List<LicenseRequest> licenses = new ArrayList<>();
        for (int row : stateRows) {
            String state = (String) STATES[row][0];
            licenses.add(new LicenseRequest(state, state + "-" + (100_000 + random.nextInt(900_000)), certifiedSince,
                    expires, onboarding ? VerificationStatus.PENDING : VerificationStatus.VERIFIED));
        }
        List<CertificationRequest> certifications = List.of(new CertificationRequest(field.board(), specialty.code(),
                certifiedSince, expires, onboarding ? VerificationStatus.PENDING : VerificationStatus.VERIFIED));

        Set<String> languages = new LinkedHashSet<>(List.of("en"));
        if (random.nextInt(10) < 4) {
            languages.add((String) pick(LANGUAGES, total(LANGUAGES), random));
        }
        String subspecialty = field.subspecialties().get(random.nextInt(field.subspecialties().size()));
        List<String> procedures = field.procedures().subList(0, 1 + random.nextInt(field.procedures().size()));
        String homeState = (String) STATES[stateRows.iterator().next()][0];
        List<String> affiliations = new ArrayList<>();
        int affiliationCount = 1 + random.nextInt(2);
        for (int a = 0; a < affiliationCount; a++) {
            affiliations.add(INSTITUTION_PLACES.get(random.nextInt(INSTITUTION_PLACES.size())) + " "
                    + INSTITUTION_KINDS.get(random.nextInt(INSTITUTION_KINDS.size())) + " (" + homeState + ")");
        }
        String given = GIVEN.get(random.nextInt(GIVEN.size()));
        String family = FAMILY.get(random.nextInt(FAMILY.size()));
        String zone = (String) STATES[stateRows.iterator().next()][2];

        CreateSpecialistRequest request = new CreateSpecialistRequest(null,
                Npi.withCheckDigit(String.format("3%08d", i)), given, family,
                random.nextInt(10) == 0 ? Credentials.DO : Credentials.MD, specialty.code(), List.of(subspecialty),
                List.copyOf(procedures), random.nextInt(3) > 0, List.copyOf(languages),
                List.copyOf(new LinkedHashSet<>(affiliations)), years,
                specialty.displayName() + " surgeon focused on " + subspecialty.toLowerCase().replace('_', ' ')
                        + ", " + years + " years in practice.",
                zone, 24 * (1 + random.nextInt(5)), 3 + random.nextInt(15), random.nextInt(8) != 0,
                onboarding ? SpecialistStatus.ONBOARDING : SpecialistStatus.ACTIVE, certifications, licenses);
        return new GeneratedSpecialist(UUID.nameUUIDFromBytes(("second-opinion-generated-specialist-" + i)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), request);
    }

    private static Object pick(Object[][] weighted, int total, Random random) {
        return weighted[pickRow(weighted, total, random)][0];
    }

    private static int pickRow(Object[][] weighted, int total, Random random) {
        int ticket = random.nextInt(total);
        for (int row = 0; row < weighted.length; row++) {
            ticket -= (Integer) weighted[row][1];
            if (ticket < 0) {
                return row;
            }
        }
        return weighted.length - 1;
    }

    private static int total(Object[][] weighted) {
        int sum = 0;
        for (Object[] row : weighted) {
            sum += (Integer) row[1];
        }
        return sum;
    }
}
