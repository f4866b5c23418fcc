package org.secondopinion.cases.referral;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.secondopinion.cases.LowQuotas;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** A clinic's referrals per window are limited: the one past the limit is a 429 and creates no case. */
@QuarkusTest
@TestProfile(LowQuotas.class)
class ReferralQuotaTest {

    @Test
    void theReferralPastTheClinicsQuotaIsRefusedAndCreatesNothingWhileAnotherClinicStillRefers() {
        String clinic = "clinic-quota-" + UUID.randomUUID();
        for (int i = 0; i < LowQuotas.REFERRALS; i++) {
            ReferralApi.refer(clinic, null, ReferralApi.referral("Q-" + i, "quota@example.org", true)).statusCode(201);
        }
        ReferralApi.refer(clinic, UUID.randomUUID().toString(),
                        ReferralApi.referral("Q-over", "quota@example.org", true))
                .statusCode(429).contentType("application/problem+json").body("quota", equalTo("referrals"))
                .header("Retry-After", s -> Long.parseLong(s), greaterThan(0L));
        assertThat(ReferralApi.total(clinic)).isEqualTo(LowQuotas.REFERRALS);

        String other = "clinic-quota-" + UUID.randomUUID();
        ReferralApi.refer(other, null, ReferralApi.referral("Q-0", "quota@example.org", true)).statusCode(201);
    }
}
