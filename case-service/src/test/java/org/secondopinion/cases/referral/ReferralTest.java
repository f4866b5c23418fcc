package org.secondopinion.cases.referral;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.problem.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claim rules of a referral, without Quarkus. */
class ReferralTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static Referral referralWithCode(String code, Instant expires) {
        Referral r = new Referral(UUID.randomUUID(), UUID.randomUUID(), "clinic-a", "ORD-1", Referral.Channel.JSON, NOW);
        r.issueClaimCode(code, expires);
        return r;
    }

    @Test
    void aCodeClaimsOnceAndIsThenGone() {
        Referral r = referralWithCode("K7QM-4XRT-9HWC", NOW.plus(Duration.ofDays(14)));
        r.claim("patient-1", NOW.plusSeconds(60));
        assertThat(r.isClaimed()).isTrue();
        assertThat(r.claimedBy()).isEqualTo("patient-1");
        assertThatThrownBy(() -> r.claim("patient-2", NOW.plusSeconds(120)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(r.claimedBy()).isEqualTo("patient-1");
    }

    @Test
    void anExpiredCodeIsRefusedAsGone() {
        Referral r = referralWithCode("K7QM-4XRT-9HWC", NOW.plus(Duration.ofDays(14)));
        assertThatThrownBy(() -> r.claim("patient-1", NOW.plus(Duration.ofDays(14))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.getMessage()).contains("ask your clinic");
                });
        assertThat(r.isClaimed()).isFalse();
    }

    @Test
    void noNewCodeOnceClaimed() {
        Referral r = referralWithCode("K7QM-4XRT-9HWC", NOW.plus(Duration.ofDays(14)));
        r.claim("patient-1", NOW);
        assertThatThrownBy(() -> r.issueClaimCode("AAAA-BBBB-CCCC", NOW.plus(Duration.ofDays(14))))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void codesAreReadableUnambiguousAndForgivingToType() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = ClaimCodes.generate();
            assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
            seen.add(code);
        }
        assertThat(seen).hasSize(2_000);
        assertThat(ClaimCodes.hash("k7qm 4xrt-9hwc")).isEqualTo(ClaimCodes.hash("K7QM-4XRT-9HWC"));
        assertThat(ClaimCodes.hash("K7QM-4XRT-9HWD")).isNotEqualTo(ClaimCodes.hash("K7QM-4XRT-9HWC"));
    }
}
