package org.secondopinion.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * The rules the build holds over the main code of the services, platform-web and platform-common
 * (docs/DEVELOPING.md, "Rules the build holds"). Each is a constant so that {@link ArchitectureTest} checks it against the production classes
 * and {@link RulesCanFailTest} against a fixture that breaks it.
 */
final class ArchitectureRules {

    static final String PLATFORM = "org.secondopinion.platform..";
    /** The one place that may read the system clock: the producer of the injectable {@code java.time.Clock}. */
    static final String PLATFORM_TIME = "org.secondopinion.platform.time..";
    static final String GATEWAY = "org.secondopinion.gateway..";

    /** Root package of each service module. */
    static final List<String> SERVICES = List.of("org.secondopinion.cases", "org.secondopinion.specialist",
            "org.secondopinion.matching", "org.secondopinion.notification", "org.secondopinion.gateway");

    private ArchitectureRules() {
    }

    /**
     * One way to inject: through the constructor. A field filled by the container hides a dependency from the
     * constructor, cannot be final and needs the container (or reflection) in a unit test.
     */
    static final ArchRule NO_FIELD_INJECTION = noFields()
            .should().beAnnotatedWith("jakarta.inject.Inject")
            .orShould().beAnnotatedWith("org.eclipse.microprofile.config.inject.ConfigProperty")
            .orShould().beAnnotatedWith("jakarta.ws.rs.core.Context")
            .orShould().beAnnotatedWith("jakarta.persistence.PersistenceContext")
            .orShould().beAnnotatedWith("org.eclipse.microprofile.rest.client.inject.RestClient")
            .because("dependencies come in through the constructor (docs/DEVELOPING.md), so a class shows what it "
                    + "needs and a unit test can build it with new");

    /**
     * Time comes from the injected {@code java.time.Clock}: a test replaces that bean to reach deadlines, expiries
     * and reminders without waiting, which a class reading the system clock itself would defeat.
     */
    static final ArchRule NO_WALL_CLOCK = noClasses()
            .that().resideOutsideOfPackage(PLATFORM_TIME)
            .should().callMethodWhere(readsTheSystemClock())
            .orShould().callConstructorWhere(newDateOfNow())
            .because("time comes from the injected java.time.Clock (platform's ClockProducer), which tests replace");

    /**
     * New rows and events get time-ordered ids ({@code platform.ids.Ids}): a random version 4 id puts each insert
     * into its indexes on a random leaf page. Random ids stay where randomness is the point: request ids, a FHIR
     * response's id, and an export's id and pseudonyms, none of them a key PostgreSQL indexes.
     */
    static final ArchRule NEW_IDS_ARE_TIME_ORDERED = noClasses()
            .that().doNotHaveFullyQualifiedName("org.secondopinion.platform.web.RequestIds")
            .and().doNotHaveFullyQualifiedName("org.secondopinion.cases.fhir.FhirReferralViews")
            .and().doNotHaveFullyQualifiedName("org.secondopinion.cases.insights.OutcomeExport")
            .should().callMethod(java.util.UUID.class, "randomUUID")
            .because("ids of rows and events come from platform.ids.Ids (UUID version 7), which keeps inserts on "
                    + "the right edge of their indexes");

    /** A resource stays thin: queries and writes belong to its service or repository (CONVENTIONS 1). */
    static final ArchRule RESOURCES_DO_NOT_USE_ENTITY_MANAGER = noClasses()
            .that().areAnnotatedWith("jakarta.ws.rs.Path")
            .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
            .because("a JAX-RS resource only maps HTTP to its service; SQL and transactions live in the service or "
                    + "repository (CONVENTIONS 1-2)");

    /** Shared plumbing never knows a service: we share plumbing, never domain code (CONVENTIONS 6). */
    static final ArchRule PLATFORM_DOES_NOT_DEPEND_ON_SERVICES = noClasses()
            .that().resideInAPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAnyPackage(subpackagesOf(SERVICES))
            .because("platform-common is plumbing every service shares; it must not know any service");

    /**
     * The gateway shares the web plumbing (platform-web) and nothing else: platform-common brings Hibernate, Flyway,
     * Kafka and Quarkus REST, which a proxy without a database must not carry. Its classes are told apart by the jar
     * (or classes folder) they come from, since the two modules share package names.
     */
    static final ArchRule GATEWAY_DEPENDS_ON_PLATFORM_WEB_ONLY = noClasses()
            .that().resideInAPackage(GATEWAY)
            .should().dependOnClassesThat(ProductionClasses.OF_PLATFORM_COMMON)
            .because("the gateway depends on platform-web only (platform-web/README.md); platform-common is the "
                    + "services' plumbing with a database and Kafka");

    /**
     * platform-web is what the gateway can share: no database, messaging or Quarkus REST. Checked over the classes of
     * platform-web's jar ({@link ProductionClasses#platformWeb()}).
     */
    static final ArchRule PLATFORM_WEB_NEEDS_NO_DATABASE_MESSAGING_OR_REST = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "jakarta.transaction..",
                    "org.hibernate..", "io.quarkus.hibernate..", "org.flywaydb..", "io.quarkus.flyway..",
                    "org.apache.kafka..", "io.quarkus.kafka..", "io.smallrye.reactive.messaging..",
                    "org.eclipse.microprofile.reactive.messaging..", "jakarta.ws.rs..", "org.jboss.resteasy..")
            .because("platform-web is the plumbing the gateway shares; what needs a database, Kafka or Quarkus "
                    + "REST lives in platform-common (platform-web/README.md)");

    /** Services talk by events and HTTP, never by each other's classes. */
    static final ArchRule SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER = servicesDoNotDependOnEachOther();

    /**
     * The platform consumes Kafka with its own consumer (inbox, dead-letter topics, retries, partition pause);
     * a SmallRye Reactive Messaging channel would bypass all of that.
     */
    static final ArchRule NO_REACTIVE_MESSAGING = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.smallrye.reactive.messaging..",
                    "org.eclipse.microprofile.reactive.messaging..")
            .because("events are consumed through platform-common's EventConsumer and EventHandlers (inbox, "
                    + "dead letters), not through Reactive Messaging channels");

    /**
     * A package says which feature it holds, not its parent's name again: {@code org.secondopinion.cases.cases} read
     * as "the cases of cases" and told a reader nothing (docs/DEVELOPING.md, "Layout of a service module").
     */
    static final ArchRule PACKAGES_DO_NOT_STUTTER = classes()
            .should(new ArchCondition<JavaClass>("reside in a package whose name differs from its parent's") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    String[] names = item.getPackageName().split("\\.");
                    for (int i = 1; i < names.length; i++) {
                        if (names[i].equals(names[i - 1])) {
                            events.add(SimpleConditionEvent.violated(item, item.getName() + " is in package "
                                    + item.getPackageName() + ", which repeats its parent's name " + names[i]));
                            return;
                        }
                    }
                }
            })
            .because("a feature package is named for its feature (docs/DEVELOPING.md), so the package tree reads "
                    + "as the list of features");

    static final String ENTITY = "jakarta.persistence.Entity";

    /**
     * One entity style (docs/DEVELOPING.md, "Entities"): plain data is a public field, and a field a domain method
     * guards is private and read through an accessor named like the field ({@code status()}). So an entity declares
     * no JavaBean setter or getter: a setter would let anyone write what a method should guard, a getter is either
     * ceremony around plain data or the other naming. (notification-service's entities had {@code getX()} for
     * every field and a {@code setCoordinator}.)
     */
    static final ArchRule ENTITIES_HAVE_NO_BEAN_ACCESSORS = noMethods()
            .that().areDeclaredInClassesThat().areAnnotatedWith(ENTITY)
            .and().haveNameMatching("(get|set)[A-Z].*")
            .should().bePublic()
            .allowEmptyShould(true) // the aim: no such method at all
            .because("an entity's plain data is a public field and a guarded field is read as x() and written by a "
                    + "domain method (docs/DEVELOPING.md, \"Entities\"); getX()/setX() would be a second style");

    /** A public field needs no accessor: {@code getX()}, {@code isX()} or {@code x()} beside a public {@code x}. */
    static final ArchRule ENTITIES_DO_NOT_WRAP_PUBLIC_FIELDS = classes()
            .that().areAnnotatedWith(ENTITY)
            .should(new ArchCondition<JavaClass>("declare no accessor for a public field") {
                @Override
                public void check(JavaClass entity, ConditionEvents events) {
                    for (JavaMethod method : entity.getMethods()) {
                        if (method.getRawParameterTypes().isEmpty()) {
                            accessedField(entity, method.getName())
                                    .filter(field -> field.getModifiers().contains(JavaModifier.PUBLIC))
                                    .ifPresent(field -> events.add(SimpleConditionEvent.violated(method,
                                            method.getFullName() + " reads the public field " + field.getName())));
                        }
                    }
                }
            })
            .because("a public field is read directly; an accessor is only for a private field a domain method "
                    + "guards (docs/DEVELOPING.md, \"Entities\")");

    /** The field a no-argument method named {@code getX}, {@code isX} or {@code x} would read, if {@code entity} has it. */
    private static Optional<JavaField> accessedField(JavaClass entity, String method) {
        String name = method;
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length() && method.startsWith(prefix)
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                name = Character.toLowerCase(method.charAt(prefix.length())) + method.substring(prefix.length() + 1);
            }
        }
        String field = name;
        return entity.getFields().stream().filter(f -> f.getName().equals(field)).findFirst();
    }

    static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";
    static final String CONFIG_PROPERTY = "org.eclipse.microprofile.config.inject.ConfigProperty";

    /** The prefix of our own configuration keys; the others belong to a framework. */
    static final String OWN_PREFIX = "so.";
    static final List<String> FRAMEWORK_PREFIXES = List.of("quarkus.", "mp.", "smallrye.", "kafka.");

    /**
     * Every key of ours starts with {@code so.} (then the feature: {@code so.webhooks}, {@code so.gateway},
     * {@code so.consult-reminders}), so an operator tells our settings from the frameworks' at a glance and an
     * environment variable reads {@code SO_...}. ({@code gateway.*} and {@code notification.*} did not.)
     */
    static final ArchRule CONFIG_MAPPINGS_ARE_UNDER_SO = classes()
            .that().areAnnotatedWith(CONFIG_MAPPING)
            .should(new ArchCondition<JavaClass>("map a prefix starting with " + OWN_PREFIX) {
                @Override
                public void check(JavaClass mapping, ConditionEvents events) {
                    Object prefix = mapping.getAnnotationOfType(CONFIG_MAPPING).get("prefix").orElse("");
                    if (!prefix.toString().startsWith(OWN_PREFIX)) {
                        events.add(SimpleConditionEvent.violated(mapping, mapping.getName()
                                + " maps the prefix \"" + prefix + "\""));
                    }
                }
            })
            .because("our configuration keys start with so. (docs/DEVELOPING.md, \"application.properties\")");

    /** The same for a single {@code @ConfigProperty}: a framework's key, or one of ours under {@code so.}. */
    static final ArchRule CONFIG_PROPERTIES_ARE_UNDER_SO = classes()
            .should(new ArchCondition<JavaClass>("inject only framework keys or keys starting with " + OWN_PREFIX) {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    for (JavaCodeUnit unit : item.getCodeUnits()) {
                        for (JavaParameter parameter : unit.getParameters()) {
                            checkName(parameter.getAnnotations(), unit.getFullName(), events, item);
                        }
                    }
                    item.getFields().forEach(field -> checkName(field.getAnnotations(), field.getFullName(), events,
                            item));
                }
            })
            .because("our configuration keys start with so. (docs/DEVELOPING.md, \"application.properties\")");

    private static void checkName(Set<? extends JavaAnnotation<?>> annotations, String where, ConditionEvents events,
                                  JavaClass item) {
        for (JavaAnnotation<?> annotation : annotations) {
            if (annotation.getRawType().getName().equals(CONFIG_PROPERTY)) {
                String name = annotation.get("name").map(Object::toString).orElse("");
                boolean framework = FRAMEWORK_PREFIXES.stream().anyMatch(name::startsWith);
                if (!framework && !name.startsWith(OWN_PREFIX)) {
                    events.add(SimpleConditionEvent.violated(item, where + " injects the key \"" + name + "\""));
                }
            }
        }
    }

    private static ArchRule servicesDoNotDependOnEachOther() {
        CompositeArchRule rule = null;
        for (String service : SERVICES) {
            String[] others = subpackagesOf(SERVICES.stream().filter(s -> !s.equals(service)).toList());
            ArchRule one = noClasses()
                    .that().resideInAPackage(service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk through events and HTTP; each owns its code and data");
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        return rule;
    }

    private static String[] subpackagesOf(List<String> roots) {
        return roots.stream().map(root -> root + "..").toArray(String[]::new);
    }

    private static final Set<String> DATE_TIME_TYPES = Set.of("java.time.Instant", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
            "java.time.ZonedDateTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    /**
     * {@code X.now()} and {@code X.now(ZoneId)} of the java.time types ({@code now(Clock)} is the allowed form),
     * {@code Clock.system*()}, and {@code System.currentTimeMillis()} (time of day; elapsed time is
     * {@code System.nanoTime()}, which stays allowed).
     */
    static DescribedPredicate<JavaCall<?>> readsTheSystemClock() {
        return DescribedPredicate.describe("reads the system clock (X.now(), X.now(ZoneId), Clock.system*(), "
                + "System.currentTimeMillis())", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            List<String> parameters = call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName)
                    .toList();
            if (DATE_TIME_TYPES.contains(owner) && name.equals("now")) {
                return parameters.isEmpty() || parameters.equals(List.of("java.time.ZoneId"));
            }
            if (owner.equals("java.time.Clock")) {
                return Arrays.asList("systemUTC", "systemDefaultZone", "system").contains(name);
            }
            return owner.equals("java.lang.System") && name.equals("currentTimeMillis");
        });
    }

    private static DescribedPredicate<JavaCall<?>> newDateOfNow() {
        return DescribedPredicate.describe("is new java.util.Date() (the current time)", call ->
                call.getTargetOwner().getName().equals("java.util.Date")
                        && call.getTarget().getRawParameterTypes().isEmpty());
    }
}
