package org.secondopinion.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class that starts a stack of its own: the shared stack stops first. Two whole systems on a 2-core
 * machine slow each other's starts down, and the shared stack's services write their class-data archives as they
 * stop (the first stop of a build), which the class's own stack then maps: its services start in about two thirds
 * of the time, and stop in seconds instead of writing archives of their own (docs/PERFORMANCE.md).
 */
public final class OwnStack implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedStack.stop(context);
    }
}
