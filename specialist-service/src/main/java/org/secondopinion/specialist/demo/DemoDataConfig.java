package org.secondopinion.specialist.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code so.demo-data.*}: the local stack turns seeding on with {@code SO_DEMO_DATA=true}. */
@ConfigMapping(prefix = "so.demo-data")
public interface DemoDataConfig {

    /** Seed the demo directory at startup when the directory is empty. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Generated profiles ({@link DirectoryGenerator}) added after the fixed demo directory, e.g. 100000 for
     * benchmarks ({@code SO_DEMO_SPECIALISTS}).
     */
    @WithDefault("300")
    int specialists();
}
