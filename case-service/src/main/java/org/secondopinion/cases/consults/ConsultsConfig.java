package org.secondopinion.cases.consults;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Booking rules for live consults (so.consults.*). */
@ConfigMapping(prefix = "so.consults")
public interface ConsultsConfig {

    /** A consult is booked at least this long before it starts. */
    @WithDefault("PT12H")
    Duration minimumNotice();

    /** How far ahead slots are offered. */
    @WithDefault("P14D")
    Duration horizon();

    /** The patient reschedules or cancels up to this long before the start. */
    @WithDefault("PT2H")
    Duration changeCutoff();

    /** The join link is given from this long before the start until the end. */
    @WithDefault("PT15M")
    Duration joinOpensBefore();
}
