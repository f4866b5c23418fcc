package org.secondopinion.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The main classes of platform-common and the five services, imported once per test JVM (tests left out). */
final class ProductionClasses {

    static final String[] PACKAGES = {"org.secondopinion.platform", "org.secondopinion.cases",
            "org.secondopinion.specialist", "org.secondopinion.matching", "org.secondopinion.notification",
            "org.secondopinion.gateway"};

    private static JavaClasses classes;

    private ProductionClasses() {
    }

    static synchronized JavaClasses get() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(new ImportOption.DoNotIncludeTests())
                    .importPackages(PACKAGES);
        }
        return classes;
    }
}
