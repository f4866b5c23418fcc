package org.secondopinion.infra;

import java.util.ArrayList;
import java.util.List;

/**
 * The heap and GC options of a JVM that the platform starts on one machine (a service of the local stack, the Kafka
 * broker): the tuned defaults with the native heap trim ({@link NativeHeapTrim}), or, when an environment variable
 * gives other options for measuring alternatives ({@code SO_STACK_JVM_OPTIONS}, {@code SO_KAFKA_JVM_OPTIONS}), those
 * options alone.
 */
public final class ChildJvmOptions {

    private ChildJvmOptions() {
    }

    /**
     * @param replaced the environment variable's value: options separated by white space; null or blank for none
     * @param defaults the JVM's tuned heap and GC options
     */
    public static List<String> replacedOrDefaults(String replaced, List<String> defaults) {
        if (replaced != null && !replaced.isBlank()) {
            return List.of(replaced.trim().split("\\s+"));
        }
        List<String> options = new ArrayList<>(defaults);
        options.addAll(NativeHeapTrim.options());
        return List.copyOf(options);
    }
}
