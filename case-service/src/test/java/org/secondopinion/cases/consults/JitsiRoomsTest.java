package org.secondopinion.cases.consults;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JitsiRoomsTest {

    private static final String SECRET = "a-jitsi-app-secret-of-at-least-32-bytes";
    private static final Instant FROM = Instant.parse("2026-12-09T00:45:00Z");
    private static final Instant TO = Instant.parse("2026-12-09T01:30:00Z");

    @Test
    void roomNamesCannotBeGuessed() {
        JitsiRooms rooms = new JitsiRooms(config(Optional.empty()));
        String a = rooms.newRoomName();
        assertThat(a).matches("so-consult-[0-9a-f]{32}").isNotEqualTo(rooms.newRoomName());
    }

    @Test
    void withAnAppSecretEachParticipantGetsASignedRoomTokenValidForTheJoinWindowOnly() throws Exception {
        VideoRooms.JoinLink link = new JitsiRooms(config(Optional.of(SECRET)))
                .join("so-consult-abc", "patient-7", false, FROM, TO);

        SignedJWT jwt = SignedJWT.parse(link.token());
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("jitsi");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("second-opinion");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("meet.example.org");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("room")).isEqualTo("so-consult-abc");
        assertThat(jwt.getJWTClaimsSet().getNotBeforeTime().toInstant()).isEqualTo(FROM);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(TO);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) jwt.getJWTClaimsSet().getJSONObjectClaim("context").get("user");
        assertThat(user).containsEntry("id", "patient-7").containsEntry("moderator", false);
        assertThat(link.url()).startsWith("https://meet.example.org/so-consult-abc?jwt=");
    }

    @Test
    void withoutASecretTheLinkIsTheRoomAlone() {
        VideoRooms.JoinLink link = new JitsiRooms(config(Optional.empty())).join("so-consult-abc", "p", false, FROM, TO);
        assertThat(link.token()).isNull();
        assertThat(link.url()).isEqualTo("https://meet.example.org/so-consult-abc");
    }

    private static VideoConfig config(Optional<String> secret) {
        return new VideoConfig() {
            @Override
            public String baseUrl() {
                return "https://meet.example.org/";
            }

            @Override
            public String appId() {
                return "second-opinion";
            }

            @Override
            public Optional<String> appSecret() {
                return secret;
            }
        };
    }
}
