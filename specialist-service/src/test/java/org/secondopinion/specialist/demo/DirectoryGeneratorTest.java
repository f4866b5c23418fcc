package org.secondopinion.specialist.demo;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.secondopinion.specialist.directory.SpecialistDtos.CreateSpecialistRequest;
import org.secondopinion.platform.reference.Npi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryGeneratorTest {

    private static final List<CreateSpecialistRequest> SAMPLE = IntStream.range(0, 5000)
            .mapToObj(i -> DirectoryGenerator.generate(i).request()).toList();

    @Test
    void theSameIndexAlwaysGivesTheSameProfile() {
        assertThat(DirectoryGenerator.generate(42)).isEqualTo(DirectoryGenerator.generate(42));
        assertThat(DirectoryGenerator.generate(42).id()).isNotEqualTo(DirectoryGenerator.generate(43).id());
    }

    @Test
    void generatedProfilesPassTheApiValidationWithUniqueValidNpis() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        Set<String> npis = new HashSet<>();
        for (CreateSpecialistRequest request : SAMPLE.subList(0, 500)) {
            assertThat(validator.validate(request)).isEmpty();
        }
        for (CreateSpecialistRequest request : SAMPLE) {
            assertThat(Npi.isValid(request.npi())).isTrue();
            assertThat(npis.add(request.npi())).isTrue();
            assertThat(request.licenses().stream().map(l -> l.state()).distinct().count())
                    .isEqualTo(request.licenses().size());
        }
        assertThat(npis).doesNotContainAnyElementsOf(DemoDirectory.specialists().stream()
                .map(d -> d.request().npi()).toList());
    }

    @Test
    void specialtiesAreWeightedLikeTheSurgicalWorkforce() {
        Map<String, Long> bySpecialty = SAMPLE.stream()
                .collect(Collectors.groupingBy(CreateSpecialistRequest::primarySpecialty, Collectors.counting()));

        assertThat(bySpecialty).hasSize(12);
        assertThat(bySpecialty.get("GENERAL_SURGERY")).isGreaterThan(bySpecialty.get("NEUROSURGERY") * 3);
        assertThat(bySpecialty.get("NEUROSURGERY")).isGreaterThan(bySpecialty.get("COLON_RECTAL_SURGERY"));
    }

    @Test
    void licencesFollowPopulationAndNoOrthopaedicSurgeonIsLicensedInCalifornia() {
        Map<String, Long> byState = SAMPLE.stream().flatMap(r -> r.licenses().stream())
                .collect(Collectors.groupingBy(l -> l.state(), Collectors.counting()));

        assertThat(byState.size()).isGreaterThan(40);
        assertThat(byState.get("TX")).isGreaterThan(byState.get("NV") * 4);
        assertThat(SAMPLE).noneMatch(r -> r.primarySpecialty().equals("ORTHOPAEDIC_SURGERY")
                && r.licenses().stream().anyMatch(l -> l.state().equals("CA")));
    }

    @Test
    void someSpeakOtherLanguagesAndAllHaveAffiliations() {
        long multilingual = SAMPLE.stream().filter(r -> r.languages().size() > 1).count();
        assertThat(multilingual).isBetween(SAMPLE.size() / 5L, SAMPLE.size() / 2L);
        assertThat(SAMPLE).allMatch(r -> !r.affiliations().isEmpty() && r.languages().get(0).equals("en"));
        assertThat(SAMPLE.stream().map(CreateSpecialistRequest::familyName).collect(Collectors.toSet()))
                .hasSizeGreaterThan(50);
        assertThat(SAMPLE.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .hasSize(SAMPLE.size());
    }
}
