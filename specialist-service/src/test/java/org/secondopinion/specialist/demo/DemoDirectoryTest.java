package org.secondopinion.specialist.demo;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.secondopinion.specialist.demo.DemoDirectory.DemoSpecialist;
import org.secondopinion.specialist.directory.Credentials;
import org.secondopinion.specialist.directory.SpecialistDtos.CreateSpecialistRequest;
import org.secondopinion.specialist.directory.SpecialistDtos.LicenseRequest;
import org.secondopinion.specialist.directory.SpecialistStatus;
import org.secondopinion.specialist.credentials.VerificationStatus;
import org.secondopinion.platform.reference.Npi;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDirectoryTest {

    private static ValidatorFactory validation;
    private final List<DemoSpecialist> demo = DemoDirectory.specialists();

    @BeforeAll
    static void validator() {
        validation = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    }

    @AfterAll
    static void close() {
        validation.close();
    }

    @Test
    void specialist1IsTheCaliforniaSpineSurgeonOfTheDemo() {
        CreateSpecialistRequest s1 = byId(DemoDirectory.SPECIALIST1_ID);
        assertThat(DemoDirectory.SPECIALIST1_ID).isEqualTo(UUID.fromString("5e000000-0000-4000-8000-000000000001"));
        assertThat(s1.userId()).isEqualTo("specialist1");
        assertThat(s1.npi()).isEqualTo("1234567893");
        assertThat(s1.givenName() + " " + s1.familyName()).isEqualTo("Maya Okafor");
        assertThat(s1.credentials()).isEqualTo(Credentials.MD);
        assertThat(s1.primarySpecialty()).isEqualTo("ORTHOPAEDIC_SURGERY");
        assertThat(s1.subspecialties()).containsExactly("SPINE");
        assertThat(s1.procedureExpertise()).containsExactly("63030", "63047", "22551");
        assertThat(s1.nonOperativeExpertise()).isTrue();
        assertThat(s1.languages()).containsExactly("en", "es");
        assertThat(s1.typicalTurnaroundHours()).isEqualTo(24);
        assertThat(s1.capacity()).isEqualTo(10);
        assertThat(s1.status()).isEqualTo(SpecialistStatus.ACTIVE);
        assertThat(s1.acceptingNewCases()).isTrue();
        assertThat(verifiedStates(s1)).containsExactlyInAnyOrder("CA", "NV");
        assertThat(s1.certifications()).singleElement().satisfies(c -> {
            assertThat(c.specialty()).isEqualTo("ORTHOPAEDIC_SURGERY");
            assertThat(c.status()).isEqualTo(VerificationStatus.VERIFIED);
        });
    }

    @Test
    void specialist2IsTheSecondCaliforniaSpineSurgeon() {
        CreateSpecialistRequest s2 = byId(DemoDirectory.SPECIALIST2_ID);
        assertThat(s2.userId()).isEqualTo("specialist2");
        assertThat(s2.npi()).isEqualTo("1245319599");
        assertThat(s2.givenName() + " " + s2.familyName()).isEqualTo("Daniel Reyes");
        assertThat(s2.credentials()).isEqualTo(Credentials.DO);
        assertThat(s2.subspecialties()).containsExactly("SPINE");
        assertThat(s2.procedureExpertise()).containsExactly("63030", "63047");
        assertThat(s2.nonOperativeExpertise()).isTrue();
        assertThat(s2.languages()).containsExactly("en");
        assertThat(s2.typicalTurnaroundHours()).isEqualTo(48);
        assertThat(s2.capacity()).isEqualTo(10);
        assertThat(s2.status()).isEqualTo(SpecialistStatus.ACTIVE);
        assertThat(verifiedStates(s2)).containsExactly("CA");
        assertThat(s2.certifications()).singleElement().satisfies(c -> {
            assertThat(c.specialty()).isEqualTo("ORTHOPAEDIC_SURGERY");
            assertThat(c.status()).isEqualTo(VerificationStatus.VERIFIED);
        });
    }

    @Test
    void nobodyElseIsAnOrthopaedicSurgeonLicensedInCalifornia() {
        List<DemoSpecialist> others = demo.stream()
                .filter(d -> !d.id().equals(DemoDirectory.SPECIALIST1_ID) && !d.id().equals(DemoDirectory.SPECIALIST2_ID))
                .toList();
        assertThat(others).hasSize(40);
        assertThat(others).noneMatch(d -> {
            CreateSpecialistRequest r = d.request();
            boolean orthopaedic = r.primarySpecialty().equals("ORTHOPAEDIC_SURGERY")
                    || r.certifications().stream().anyMatch(c -> c.specialty().equals("ORTHOPAEDIC_SURGERY"));
            boolean inCalifornia = r.licenses().stream().anyMatch(l -> l.state().equals("CA"));
            return orthopaedic && inCalifornia;
        });
        // the directory is realistic: other orthopaedic surgeons and other CA surgeons do exist
        assertThat(others).anyMatch(d -> d.request().primarySpecialty().equals("ORTHOPAEDIC_SURGERY"));
        assertThat(others).anyMatch(d -> d.request().licenses().stream().anyMatch(l -> l.state().equals("CA")));
        assertThat(others).allMatch(d -> d.request().userId() == null);
    }

    @Test
    void everyProfileIsValidAndUnique() {
        Validator validator = validation.getValidator();
        assertThat(demo).allSatisfy(d -> {
            assertThat(validator.validate(d.request())).as(d.request().familyName()).isEmpty();
            assertThat(Npi.isValid(d.request().npi())).isTrue();
        });
        assertThat(demo).extracting(DemoSpecialist::id).doesNotHaveDuplicates();
        assertThat(demo).extracting(d -> d.request().npi()).doesNotHaveDuplicates();
        assertThat(demo).extracting(d -> d.request().givenName() + " " + d.request().familyName())
                .doesNotHaveDuplicates();
        assertThat(demo).extracting(d -> d.request().primarySpecialty()).hasSizeGreaterThan(10)
                .contains("NEUROSURGERY", "UROLOGY", "SURGICAL_ONCOLOGY");
    }

    @Test
    void theDirectoryIsTheSameEveryTime() {
        assertThat(DemoDirectory.specialists()).isEqualTo(demo);
    }

    private CreateSpecialistRequest byId(UUID id) {
        return demo.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow().request();
    }

    private static List<String> verifiedStates(CreateSpecialistRequest r) {
        return r.licenses().stream().filter(l -> l.status() == VerificationStatus.VERIFIED)
                .map(LicenseRequest::state).toList();
    }
}
