package org.secondopinion.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of {@link ArchitectureRules}, held over the production classes: a violation fails the build. */
class ArchitectureTest {

    private final JavaClasses production = ProductionClasses.get();

    @Test
    void theImportHoldsEveryServiceAndThePlatformButNoTests() {
        for (String pkg : ProductionClasses.PACKAGES) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s imported", pkg).isTrue();
        }
        assertThat(production.stream().map(JavaClass::getName))
                .noneMatch(name -> name.endsWith("Test") || name.endsWith("IT") || name.contains(".archfixture."));
    }

    @Test
    void dependenciesComeInThroughTheConstructor() {
        ArchitectureRules.NO_FIELD_INJECTION.check(production);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        ArchitectureRules.NO_WALL_CLOCK.check(production);
    }

    @Test
    void newRowsAndEventsGetTimeOrderedIds() {
        ArchitectureRules.NEW_IDS_ARE_TIME_ORDERED.check(production);
    }

    @Test
    void resourcesLeaveTheEntityManagerToTheirServices() {
        ArchitectureRules.RESOURCES_DO_NOT_USE_ENTITY_MANAGER.check(production);
    }

    @Test
    void platformCommonKnowsNoService() {
        ArchitectureRules.PLATFORM_DOES_NOT_DEPEND_ON_SERVICES.check(production);
    }

    @Test
    void servicesDoNotUseEachOthersClasses() {
        ArchitectureRules.SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER.check(production);
    }

    @Test
    void packagesAreNamedForTheirFeatureNotTheirParent() {
        ArchitectureRules.PACKAGES_DO_NOT_STUTTER.check(production);
    }

    @Test
    void eventsAreConsumedThroughThePlatformNotReactiveMessaging() {
        ArchitectureRules.NO_REACTIVE_MESSAGING.check(production);
    }

    @Test
    void entitiesExposePlainDataAsPublicFieldsAndGuardTheRestWithoutBeanAccessors() {
        ArchitectureRules.ENTITIES_HAVE_NO_BEAN_ACCESSORS.check(production);
        ArchitectureRules.ENTITIES_DO_NOT_WRAP_PUBLIC_FIELDS.check(production);
    }

    @Test
    void ourConfigurationKeysStartWithSo() {
        ArchitectureRules.CONFIG_MAPPINGS_ARE_UNDER_SO.check(production);
        ArchitectureRules.CONFIG_PROPERTIES_ARE_UNDER_SO.check(production);
    }

    @Test
    void theGatewayDependsOnPlatformWebOnly() {
        ArchitectureRules.GATEWAY_DEPENDS_ON_PLATFORM_WEB_ONLY.check(production);
    }

    @Test
    void platformWebNeedsNoDatabaseMessagingOrQuarkusRest() {
        JavaClasses platformWeb = ProductionClasses.platformWeb();
        assertThat(platformWeb.stream().map(JavaClass::getSimpleName)).contains("RequestIds", "ProblemBody")
                .doesNotContain("Outbox", "RequestIdFilter");
        ArchitectureRules.PLATFORM_WEB_NEEDS_NO_DATABASE_MESSAGING_OR_REST.check(platformWeb);
    }
}
