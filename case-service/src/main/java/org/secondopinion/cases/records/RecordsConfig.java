package org.secondopinion.cases.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on records, tunable by operators (DESIGN §4). */
@ConfigMapping(prefix = "so.records")
public interface RecordsConfig {

    /** Largest single file, in bytes (default 50 MiB). */
    @WithDefault("52428800")
    long maxFileSize();

    /** Most a case may hold in all, in bytes (default 200 MiB). */
    @WithDefault("209715200")
    long maxCaseSize();
}
