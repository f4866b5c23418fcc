package org.secondopinion.specialist.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code so.demo-data.*}: the local stack turns seeding on with {@code SO_DEMO_DATA=true}. */
@ConfigMapping(prefix = "so.demo-data")
public interface DemoDataConfig {

    /** Seed the demo directory at startup when the directory is empty. */
    @WithDefault("false")
    boolean enabled();
}
