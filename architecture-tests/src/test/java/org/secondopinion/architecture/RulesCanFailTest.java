package org.secondopinion.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.secondopinion.architecture.fixtures.ClockInjected;
import org.secondopinion.architecture.fixtures.ConfigPropertyOnField;
import org.secondopinion.architecture.fixtures.ConfigUnderAnotherPrefix;
import org.secondopinion.architecture.fixtures.ConstructorInjected;
import org.secondopinion.architecture.fixtures.EntityInTheOneStyle;
import org.secondopinion.architecture.fixtures.EntityWithBeanAccessors;
import org.secondopinion.architecture.fixtures.EntityWrappingAPublicField;
import org.secondopinion.architecture.fixtures.FieldInjected;
import org.secondopinion.architecture.fixtures.RandomIdAssigner;
import org.secondopinion.architecture.fixtures.ReactiveMessagingConsumer;
import org.secondopinion.architecture.fixtures.ResourceWithEntityManager;
import org.secondopinion.architecture.fixtures.WallClockReader;
import org.secondopinion.architecture.fixtures.WebPlumbingWithPersistence;
import org.secondopinion.architecture.fixtures.ZonedWallClockReader;
import org.secondopinion.architecture.fixtures.fixtures.InAStutteringPackage;
import org.secondopinion.gateway.archfixture.GatewayUsingPlatformCommon;
import org.secondopinion.matching.archfixture.MatchingUsingACaseClass;
import org.secondopinion.platform.archfixture.PlatformUsingAServiceClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each rule can fail: the production classes plus the fixtures that break rules (under src/test, so never imported
 * by {@link ArchitectureTest}) make each rule report the fixture written to break it. Since the production classes
 * alone pass ({@link ArchitectureTest}), the fixture is what the rule caught. The production classes and the fixtures
 * are imported once for all the rules: an import takes 2-9 s, and each rule importing them anew made this the
 * slowest class of the module (44 s in CI).
 */
class RulesCanFailTest {

    /** The fixtures that break a rule, imported with the production classes. */
    private static final List<Class<?>> BREAKING = List.of(FieldInjected.class, ConfigPropertyOnField.class,
            ConstructorInjected.class, WallClockReader.class, ZonedWallClockReader.class, RandomIdAssigner.class,
            ResourceWithEntityManager.class, PlatformUsingAServiceClass.class, MatchingUsingACaseClass.class,
            ReactiveMessagingConsumer.class, InAStutteringPackage.class, GatewayUsingPlatformCommon.class,
            EntityWithBeanAccessors.class, EntityWrappingAPublicField.class, ConfigUnderAnotherPrefix.class,
            ConfigUnderAnotherPrefix.Reader.class);

    @Test
    void fieldInjectionIsReported() {
        assertReports(ArchitectureRules.NO_FIELD_INJECTION, FieldInjected.class);
        assertReports(ArchitectureRules.NO_FIELD_INJECTION, ConfigPropertyOnField.class);
    }

    @Test
    void constructorInjectionPasses() {
        assertThatCode(() -> ArchitectureRules.NO_FIELD_INJECTION.check(only(ConstructorInjected.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void readingTheSystemClockIsReported() {
        assertReports(ArchitectureRules.NO_WALL_CLOCK, WallClockReader.class);
        assertReports(ArchitectureRules.NO_WALL_CLOCK, ZonedWallClockReader.class);
    }

    @Test
    void readingTheInjectedClockAndMeasuringElapsedTimePass() {
        assertThatCode(() -> ArchitectureRules.NO_WALL_CLOCK.check(only(ClockInjected.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void aRandomIdForANewRowIsReported() {
        assertReports(ArchitectureRules.NEW_IDS_ARE_TIME_ORDERED, RandomIdAssigner.class);
    }

    @Test
    void aResourceUsingTheEntityManagerIsReported() {
        assertReports(ArchitectureRules.RESOURCES_DO_NOT_USE_ENTITY_MANAGER, ResourceWithEntityManager.class);
    }

    @Test
    void platformCodeUsingAServiceClassIsReported() {
        assertReports(ArchitectureRules.PLATFORM_DOES_NOT_DEPEND_ON_SERVICES, PlatformUsingAServiceClass.class);
    }

    @Test
    void aServiceUsingAnotherServicesClassIsReported() {
        assertReports(ArchitectureRules.SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER, MatchingUsingACaseClass.class);
    }

    @Test
    void aReactiveMessagingConsumerIsReported() {
        assertReports(ArchitectureRules.NO_REACTIVE_MESSAGING, ReactiveMessagingConsumer.class);
    }

    @Test
    void aPackageRepeatingItsParentsNameIsReported() {
        assertReports(ArchitectureRules.PACKAGES_DO_NOT_STUTTER, InAStutteringPackage.class);
    }

    @Test
    void theGatewayUsingPlatformCommonIsReported() {
        assertReports(ArchitectureRules.GATEWAY_DEPENDS_ON_PLATFORM_WEB_ONLY, GatewayUsingPlatformCommon.class);
    }

    @Test
    void webPlumbingUsingTheDatabaseIsReported() {
        assertThatThrownBy(() -> ArchitectureRules.PLATFORM_WEB_NEEDS_NO_DATABASE_MESSAGING_OR_REST
                .check(only(WebPlumbingWithPersistence.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(WebPlumbingWithPersistence.class.getName());
    }

    @Test
    void anEntityWithGettersOrSettersIsReported() {
        assertReports(ArchitectureRules.ENTITIES_HAVE_NO_BEAN_ACCESSORS, EntityWithBeanAccessors.class);
    }

    @Test
    void anEntityReadingItsPublicFieldThroughAMethodIsReported() {
        assertReports(ArchitectureRules.ENTITIES_DO_NOT_WRAP_PUBLIC_FIELDS, EntityWrappingAPublicField.class);
    }

    @Test
    void anEntityWithPublicDataAndAGuardedFieldPasses() {
        JavaClasses entity = only(EntityInTheOneStyle.class);
        assertThatCode(() -> ArchitectureRules.ENTITIES_HAVE_NO_BEAN_ACCESSORS.check(entity))
                .doesNotThrowAnyException();
        assertThatCode(() -> ArchitectureRules.ENTITIES_DO_NOT_WRAP_PUBLIC_FIELDS.check(entity))
                .doesNotThrowAnyException();
    }

    @Test
    void configurationKeysOutsideSoAreReported() {
        assertReports(ArchitectureRules.CONFIG_MAPPINGS_ARE_UNDER_SO, ConfigUnderAnotherPrefix.class);
        assertReports(ArchitectureRules.CONFIG_PROPERTIES_ARE_UNDER_SO, ConfigUnderAnotherPrefix.Reader.class);
        // ConfigPropertyOnField and ConstructorInjected read "fixture.limit": reported too, the rule sees fields and
        // constructor parameters
        assertReports(ArchitectureRules.CONFIG_PROPERTIES_ARE_UNDER_SO, ConfigPropertyOnField.class);
        assertReports(ArchitectureRules.CONFIG_PROPERTIES_ARE_UNDER_SO, ConstructorInjected.class);
    }

    private static void assertReports(ArchRule rule, Class<?> fixture) {
        assertThat(BREAKING).as("fixtures imported with the production classes").contains(fixture);
        // the fixture itself, not a class whose name begins with its name (ConfigUnderAnotherPrefix$Reader)
        assertThatThrownBy(() -> rule.check(ProductionWithFixtures.CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("(?s).*" + Pattern.quote(fixture.getName()) + "(?![\\w$]).*");
    }

    /** The production classes (as {@link ProductionClasses} imports them) and, of the test classes, the fixtures. */
    private static final class ProductionWithFixtures {

        static final JavaClasses CLASSES = importProductionWithFixtures();

        private static JavaClasses importProductionWithFixtures() {
            ImportOption production = new ImportOption.DoNotIncludeTests();
            List<String> fixtureFiles = BREAKING.stream()
                    .map(f -> "/" + f.getName().replace('.', '/') + ".class").toList();
            List<String> packages = new ArrayList<>(Arrays.asList(ProductionClasses.PACKAGES));
            BREAKING.forEach(f -> packages.add(f.getPackageName()));
            return new ClassFileImporter()
                    .withImportOption(location -> production.includes(location)
                            || fixtureFiles.stream().anyMatch(location::contains))
                    .importPackages(packages);
        }
    }

    private static JavaClasses only(Class<?>... fixtures) {
        return new ClassFileImporter().importClasses(Arrays.asList(fixtures));
    }
}
