package org.secondopinion.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.secondopinion.platform.outbox.Outbox;
import org.secondopinion.platform.web.RequestIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The main classes of platform-web, platform-common and the five services, imported once per test JVM (tests left
 * out).
 */
final class ProductionClasses {

    /**
     * Classes that come from platform-common's jar (or classes folder): platform-web and platform-common share
     * package names, so the package cannot tell them apart.
     */
    static final DescribedPredicate<JavaClass> OF_PLATFORM_COMMON = DescribedPredicate.describe(
            "are classes of platform-common", c -> c.getSource()
                    .map(source -> source.getUri().toString().contains(location(Outbox.class).toUri().getRawPath()))
                    .orElse(false));

    static final String[] PACKAGES = {"org.secondopinion.platform", "org.secondopinion.cases",
            "org.secondopinion.specialist", "org.secondopinion.matching", "org.secondopinion.notification",
            "org.secondopinion.gateway"};

    private static JavaClasses classes;
    private static JavaClasses platformWeb;

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

    /**
     * The main classes of platform-web alone: its jar (a reactor build to {@code package} or later, or a local
     * repository) or its classes folder (a build to {@code test}).
     */
    static synchronized JavaClasses platformWeb() {
        if (platformWeb == null) {
            ClassFileImporter importer = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests());
            Path location = location(RequestIds.class);
            if (Files.isDirectory(location)) {
                platformWeb = importer.importPath(location);
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    platformWeb = importer.importJar(jar);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return platformWeb;
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
