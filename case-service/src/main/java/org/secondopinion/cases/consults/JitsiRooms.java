package org.secondopinion.cases.consults;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

/**
 * Jitsi Meet rooms (the default {@link VideoRooms}). A room name carries 128 random bits. With an app secret each
 * participant gets a room token (Jitsi token auth, HS256: {@code aud} "jitsi", {@code iss} the app id, {@code sub}
 * the Jitsi domain, {@code room}, {@code context.user}, {@code nbf}/{@code exp} the join window), so only the two
 * participants can enter, and only while the link is valid.
 */
@ApplicationScoped
public class JitsiRooms implements VideoRooms {

    private final SecureRandom random = new SecureRandom();
    private final VideoConfig config;

    public JitsiRooms(VideoConfig config) {
        this.config = config;
    }

    @Override
    public String newRoomName() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "so-consult-" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public JoinLink join(String roomName, String participantId, boolean moderator, Instant validFrom,
                         Instant validTo) {
        String base = config.baseUrl().replaceAll("/+$", "");
        String url = base + "/" + roomName;
        if (config.appSecret().isEmpty()) {
            return new JoinLink(url, null, validFrom, validTo);
        }
        String token = token(roomName, participantId, moderator, validFrom, validTo, config.appSecret().get());
        return new JoinLink(url + "?jwt=" + URLEncoder.encode(token, StandardCharsets.UTF_8), token, validFrom,
                validTo);
    }

    private String token(String room, String participantId, boolean moderator, Instant validFrom, Instant validTo,
                         String secret) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience("jitsi")
                .issuer(config.appId())
                .subject(URI.create(config.baseUrl()).getHost())
                .claim("room", room)
                .claim("context", Map.of("user", Map.of("id", participantId, "moderator", moderator)))
                .notBeforeTime(Date.from(validFrom))
                .expirationTime(Date.from(validTo))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            // MACSigner needs a secret of at least 256 bits
            throw new IllegalStateException("so.video.app-secret cannot sign room tokens: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
