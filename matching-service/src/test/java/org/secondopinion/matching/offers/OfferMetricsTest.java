package org.secondopinion.matching.offers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.secondopinion.matching.matches.MatchingTestSupport;

import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** DESIGN §9's business metrics: offers declined and offers expired, as Prometheus scrapes them. */
@QuarkusTest
class OfferMetricsTest extends MatchingTestSupport {

    @Inject
    OfferResponses offerResponses;

    @Test
    void aDeclineAndAnExpiryAreCountedAtQMetrics() {
        double declinedBefore = routine("offers_declined_total");
        double expiredBefore = routine("offers_expired_total");

        UUID caseId = submitDemoCase();
        decline("specialist1", awaitOffer(caseId, "specialist1"));
        String second = awaitOffer(caseId, "specialist2");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE offer SET expires_at = now() - interval '1 minute' WHERE id = ?1")
                .setParameter(1, UUID.fromString(second)).executeUpdate());
        await().atMost(WAIT).until(() -> offerResponses.expireOverdueOffers() == 0 && offerStatus(second).equals("EXPIRED"));

        assertThat(routine("offers_declined_total")).isEqualTo(declinedBefore + 1);
        assertThat(routine("offers_expired_total")).isEqualTo(expiredBefore + 1);
    }

    /** The journey objective "offered within 60 s" counts the cases whose first offer came within the 60 s bucket. */
    @Test
    void theTimeFromSubmissionToTheFirstOfferIsMeasuredAgainstTheSixtySecondObjective() {
        double countBefore = routine("matching_time_to_first_offer_seconds_count");
        double within60Before = routine("matching_time_to_first_offer_seconds_bucket", "le=\"60.0\"");

        UUID caseId = submitDemoCase();
        String offer = awaitOffer(caseId, "specialist1");
        decline("specialist1", offer);
        awaitOffer(caseId, "specialist2");

        // the second offer (after a decline) is not the case's first: one measurement per case
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(routine("matching_time_to_first_offer_seconds_count")).isEqualTo(countBefore + 1);
            assertThat(routine("matching_time_to_first_offer_seconds_bucket", "le=\"60.0\""))
                    .isEqualTo(within60Before + 1);
        });
    }

    private static double routine(String counter) {
        return routine(counter, "urgency=\"ROUTINE\"");
    }

    /**
     * The value of the ROUTINE series of a counter in the Prometheus text format (0 if it is not there yet). The
     * value is the first token after the labels: since tracing is on, a sample may end in an exemplar
     * ({@code # {trace_id="…"} 1.0 1795582581.923}), whose last token is a timestamp.
     */
    private static double routine(String counter, String label) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(body.split("\n"))
                .filter(line -> line.startsWith(counter + "{") && line.contains("urgency=\"ROUTINE\"")
                        && line.contains(label))
                .mapToDouble(line -> {
                    String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
                    return Double.parseDouble(sample.substring(sample.lastIndexOf('}') + 1).trim().split(" ")[0]);
                })
                .sum();
    }
}
