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
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The demo directory (DESIGN §12): specialist1 and specialist2, the two CA-licensed spine surgeons every
 * service's tests and the walk-through rely on, plus {@value #OTHERS} deterministic profiles across specialties
 * and states. None of the others is an orthopaedic surgeon licensed in CA, so a ROUTINE orthopaedic case from a
 * CA patient goes to specialist1 first and specialist2 next.
 */
public final class DemoDirectory {

    public static final UUID SPECIALIST1_ID = UUID.fromString("5e000000-0000-4000-8000-000000000001");
    public static final UUID SPECIALIST2_ID = UUID.fromString("5e000000-0000-4000-8000-000000000002");
    static final int OTHERS = 40;

    public record DemoSpecialist(UUID id, CreateSpecialistRequest request) {
    }

    /** Board, typical subspecialties and CPT codes of a specialty; shared with {@link DirectoryGenerator}. */
    record Field(String board, List<String> subspecialties, List<String> procedures) {
    }

    private static final Map<Specialty, Field> FIELDS = new EnumMap<>(Specialty.class);

    static {
        FIELDS.put(Specialty.ORTHOPAEDIC_SURGERY, new Field("American Board of Orthopaedic Surgery",
                List.of("JOINT_REPLACEMENT", "SPORTS_MEDICINE", "HAND", "FOOT_AND_ANKLE"),
                List.of("27447", "27130", "29881", "29827")));
        FIELDS.put(Specialty.NEUROSURGERY, new Field("American Board of Neurological Surgery",
                List.of("CRANIAL", "FUNCTIONAL", "PEDIATRIC"), List.of("61510", "61312", "61885")));
        FIELDS.put(Specialty.CARDIOTHORACIC_SURGERY, new Field("American Board of Thoracic Surgery",
                List.of("ADULT_CARDIAC", "GENERAL_THORACIC"), List.of("33533", "33405", "32663")));
        FIELDS.put(Specialty.GENERAL_SURGERY, new Field("American Board of Surgery",
                List.of("HERNIA", "MINIMALLY_INVASIVE", "BARIATRIC"), List.of("47562", "49505", "44970")));
        FIELDS.put(Specialty.VASCULAR_SURGERY, new Field("American Board of Surgery",
                List.of("ENDOVASCULAR", "AORTIC"), List.of("35301", "37224", "34802")));
        FIELDS.put(Specialty.UROLOGY, new Field("American Board of Urology",
                List.of("UROLOGIC_ONCOLOGY", "ENDOUROLOGY"), List.of("55866", "52601", "50543")));
        FIELDS.put(Specialty.GYNECOLOGIC_SURGERY, new Field("American Board of Obstetrics and Gynecology",
                List.of("MINIMALLY_INVASIVE_GYNECOLOGY", "UROGYNECOLOGY"), List.of("58571", "58150", "58661")));
        FIELDS.put(Specialty.OTOLARYNGOLOGY, new Field("American Board of Otolaryngology - Head and Neck Surgery",
                List.of("RHINOLOGY", "HEAD_AND_NECK"), List.of("30520", "31255", "42826")));
        FIELDS.put(Specialty.OPHTHALMOLOGY, new Field("American Board of Ophthalmology",
                List.of("CATARACT", "RETINA", "GLAUCOMA"), List.of("66984", "67108", "66170")));
        FIELDS.put(Specialty.PLASTIC_SURGERY, new Field("American Board of Plastic Surgery",
                List.of("RECONSTRUCTIVE", "BREAST"), List.of("19357", "15830", "19318")));
        FIELDS.put(Specialty.COLON_RECTAL_SURGERY, new Field("American Board of Colon and Rectal Surgery",
                List.of("INFLAMMATORY_BOWEL_DISEASE", "COLORECTAL_CANCER"), List.of("44204", "45395", "46260")));
        FIELDS.put(Specialty.SURGICAL_ONCOLOGY, new Field("American Board of Surgery",
                List.of("BREAST_ONCOLOGY", "HEPATOBILIARY"), List.of("19303", "38745", "48150")));
    }

    private static final List<String> GIVEN = List.of("Aisha", "Benjamin", "Carmen", "David", "Elena", "Farid",
            "Grace", "Hiroshi", "Isabel", "James", "Keiko", "Luis", "Mariam", "Nathan", "Olivia", "Priya", "Rafael",
            "Sarah", "Thomas", "Uma", "Victor", "Wen", "Yusuf", "Zoe", "Adrian", "Beatriz", "Chinedu", "Diana",
            "Emeka", "Fatima");
    private static final List<String> FAMILY = List.of("Abernathy", "Bhattacharya", "Castillo", "Delacroix",
            "Eriksen", "Fitzgerald", "Goldberg", "Hashemi", "Ivanova", "Jablonski", "Kowalczyk", "Lindqvist",
            "Morales", "Nakamura", "Oyelaran", "Petrov", "Quintero", "Rosenthal", "Sandoval", "Takahashi",
            "Underwood", "Valenzuela", "Whitaker", "Xiong", "Yamamoto", "Zielinski", "Adeyemi", "Brennan",
            "Chaudhry", "Donovan");
    private static final List<String> STATES = List.of("CA", "NY", "TX", "FL", "WA", "IL", "MA", "PA", "OH", "GA",
            "AZ", "CO", "MN", "OR", "NC", "MI", "NV");
    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("CA", "America/Los_Angeles"), Map.entry("WA", "America/Los_Angeles"),
            Map.entry("OR", "America/Los_Angeles"), Map.entry("NV", "America/Los_Angeles"),
            Map.entry("AZ", "America/Phoenix"), Map.entry("CO", "America/Denver"),
            Map.entry("TX", "America/Chicago"), Map.entry("IL", "America/Chicago"),
            Map.entry("MN", "America/Chicago"), Map.entry("NY", "America/New_York"),
            Map.entry("FL", "America/New_York"), Map.entry("MA", "America/New_York"),
            Map.entry("PA", "America/New_York"), Map.entry("OH", "America/New_York"),
            Map.entry("GA", "America/New_York"), Map.entry("NC", "America/New_York"),
            Map.entry("MI", "America/Detroit"));
    private static final List<String> OTHER_LANGUAGES = List.of("es", "zh", "vi", "ko", "fr", "hi", "ar", "pt");
    private static final List<String> INSTITUTIONS = List.of("Lakeside University Hospital",
            "Mercy Regional Medical Center", "St. Brendan's Hospital", "Riverside Health System",
            "Northgate Surgical Institute", "Summit Valley Medical Center", "Harbor View Clinic",
            "Pinecrest Academic Medical Center");

    private DemoDirectory() {
    }

    static Field field(Specialty specialty) {
        return FIELDS.get(specialty);
    }

    /** Always the same list, in the same order. */
    public static List<DemoSpecialist> specialists() {
        List<DemoSpecialist> all = new ArrayList<>();
        all.add(new DemoSpecialist(SPECIALIST1_ID, specialist1()));
        all.add(new DemoSpecialist(SPECIALIST2_ID, specialist2()));
        Random random = new Random(20_240_611L); // fixed seed: the same directory on every machine
        Specialty[] specialties = Specialty.values();
        for (int i = 0; i < OTHERS; i++) {
            Specialty specialty = specialties[i % specialties.length];
            UUID id = UUID.fromString(String.format("5e000000-0000-4000-8000-%012d", 100 + i));
            all.add(new DemoSpecialist(id, other(i, specialty, random)));
        }
        return List.copyOf(all);
    }

    private static CreateSpecialistRequest specialist1() {
        LocalDate expires = LocalDate.of(2035, 12, 31);
        return new CreateSpecialistRequest("specialist1", "1234567893", "Maya", "Okafor", Credentials.MD,
                Specialty.ORTHOPAEDIC_SURGERY.code(), List.of("SPINE"), List.of("63030", "63047", "22551"), true,
                List.of("en", "es"), List.of("Pacific Spine Institute"), 16,
                "Spine surgeon who starts with the least invasive option: physical therapy and injections "
                        + "before decompression or fusion.",
                "America/Los_Angeles", 24, 10, true, SpecialistStatus.ACTIVE,
                List.of(new CertificationRequest("American Board of Orthopaedic Surgery",
                        Specialty.ORTHOPAEDIC_SURGERY.code(), LocalDate.of(2011, 7, 1), expires,
                        VerificationStatus.VERIFIED)),
                List.of(new LicenseRequest("CA", "A123456", null, expires, VerificationStatus.VERIFIED),
                        new LicenseRequest("NV", "NV-98765", null, expires, VerificationStatus.VERIFIED)));
    }

    private static CreateSpecialistRequest specialist2() {
        LocalDate expires = LocalDate.of(2035, 12, 31);
        return new CreateSpecialistRequest("specialist2", "1245319599", "Daniel", "Reyes", Credentials.DO,
                Specialty.ORTHOPAEDIC_SURGERY.code(), List.of("SPINE"), List.of("63030", "63047"), true,
                List.of("en"), List.of("Sierra Orthopaedic Center"), 11,
                "Orthopaedic spine surgeon focused on lumbar disc disease and conservative care.",
                "America/Los_Angeles", 48, 10, true, SpecialistStatus.ACTIVE,
                List.of(new CertificationRequest("American Board of Orthopaedic Surgery",
                        Specialty.ORTHOPAEDIC_SURGERY.code(), LocalDate.of(2014, 7, 1), expires,
                        VerificationStatus.VERIFIED)),
                List.of(new LicenseRequest("CA", "G654321", null, expires, VerificationStatus.VERIFIED)));
    }

    private static CreateSpecialistRequest other(int i, Specialty specialty, Random random) {
        Field field = FIELDS.get(specialty);
        String given = GIVEN.get(i % GIVEN.size());
        String family = FAMILY.get((i * 7 + 3 + i / GIVEN.size()) % FAMILY.size()); // no two alike
        Credentials credentials = random.nextInt(4) == 0 ? Credentials.DO : Credentials.MD;

        // 1-3 licences; orthopaedic surgeons never in CA (the demo's CA orthopaedic cases go to specialist1/2)
        Set<String> states = new LinkedHashSet<>();
        int licenceCount = 1 + random.nextInt(3);
        while (states.size() < licenceCount) {
            String state = STATES.get(random.nextInt(STATES.size()));
            if (!(specialty == Specialty.ORTHOPAEDIC_SURGERY && state.equals("CA"))) {
                states.add(state);
            }
        }
        LocalDate expires = LocalDate.of(2030 + random.nextInt(6), 1 + random.nextInt(12), 1);
        List<LicenseRequest> licenses = states.stream()
                .map(s -> new LicenseRequest(s, s + "-" + (100_000 + random.nextInt(900_000)), null, expires,
                        VerificationStatus.VERIFIED))
                .toList();

        int years = 3 + random.nextInt(28);
        // every tenth profile is still being verified: certification pending, not yet active
        boolean onboarding = i % 10 == 9;
        List<CertificationRequest> certifications = List.of(new CertificationRequest(field.board(), specialty.code(),
                LocalDate.of(2026 - years, 7, 1), expires,
                onboarding ? VerificationStatus.PENDING : VerificationStatus.VERIFIED));

        List<String> languages = new ArrayList<>(List.of("en"));
        if (random.nextInt(3) == 0) {
            languages.add(OTHER_LANGUAGES.get(random.nextInt(OTHER_LANGUAGES.size())));
        }
        String subspecialty = field.subspecialties().get(random.nextInt(field.subspecialties().size()));
        List<String> procedures = field.procedures().subList(0, 1 + random.nextInt(field.procedures().size()));
        String institution = INSTITUTIONS.get(random.nextInt(INSTITUTIONS.size()));
        String homeState = states.iterator().next();

        return new CreateSpecialistRequest(null, Npi.withCheckDigit(String.format("17%07d", 1000 + i)),
                given, family, credentials, specialty.code(), List.of(subspecialty), List.copyOf(procedures),
                random.nextBoolean(), List.copyOf(languages), List.of(institution), years,
                specialty.displayName() + " specialist, " + years + " years in practice.",
                ZONES.get(homeState), 24 * (1 + random.nextInt(4)), 4 + random.nextInt(12), i % 7 != 6,
                onboarding ? SpecialistStatus.ONBOARDING : SpecialistStatus.ACTIVE, certifications, licenses);
    }
}
