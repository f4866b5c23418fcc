package org.secondopinion.infra.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counts of {@link OpenApiContractFilter} for the whole test JVM. Quarkus loads the filter again for each
 * application a test profile starts; every copy reaches this map through the system class loader, and it holds JDK
 * types only.
 */
public final class OpenApiContractTally {

    public static final Map<String, Object> TALLY = new ConcurrentHashMap<>();

    private OpenApiContractTally() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> shared() {
        try {
            return (Map<String, Object>) Class.forName(OpenApiContractTally.class.getName(), true,
                    ClassLoader.getSystemClassLoader()).getField("TALLY").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return TALLY;
        }
    }
}
