package org.secondopinion.cases.consults;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The video provider of live consults (so.video.*); the secret comes from a Kubernetes Secret. */
@ConfigMapping(prefix = "so.video")
public interface VideoConfig {

    /** Jitsi Meet base URL, e.g. https://meet.example.org (self-hosted) or https://meet.jit.si. */
    @WithDefault("https://meet.jit.si")
    String baseUrl();

    /** Jitsi token auth: the app id (JWT {@code iss}); with {@link #appSecret()} every link carries a token. */
    @WithDefault("second-opinion")
    String appId();

    /** Jitsi token auth: the app secret (HS256); absent = rooms without tokens (unguessable names only). */
    Optional<String> appSecret();
}
