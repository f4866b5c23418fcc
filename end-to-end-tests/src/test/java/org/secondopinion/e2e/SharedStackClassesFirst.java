package org.secondopinion.e2e;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Runs the classes on the {@link SharedStack} before those with a stack of their own ({@link OwnStack}), which stop
 * it: otherwise a shared-stack class after them would start the whole system a second time. Within each group the
 * order is by name, so that a run is repeatable. The default orderer of this module ({@code junit-platform.properties}).
 */
public final class SharedStackClassesFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(SharedStackClassesFirst::hasItsOwnStack)
                .thenComparing(ClassDescriptor::getDisplayName));
    }

    static boolean hasItsOwnStack(ClassDescriptor testClass) {
        return testClass.findRepeatableAnnotations(ExtendWith.class).stream()
                .anyMatch(e -> Arrays.asList(e.value()).contains(OwnStack.class));
    }
}
