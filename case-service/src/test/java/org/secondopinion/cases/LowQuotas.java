package org.secondopinion.cases;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Quotas low enough to reach in a test (the defaults are generous so that no other test trips them). Every window
 * is a UTC day here, so the counts of one test cannot fall into two windows at a minute's turn.
 */
public class LowQuotas implements QuarkusTestProfile {

    public static final int UPLOADS = 2;
    public static final int UPLOAD_BYTES = 1000;
    public static final int REFERRALS = 2;
    public static final int CONSULT_BOOKINGS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "so.quotas.record-uploads.limit", Integer.toString(UPLOADS),
                "so.quotas.record-upload-bytes.limit", Integer.toString(UPLOAD_BYTES),
                "so.quotas.referrals.limit", Integer.toString(REFERRALS),
                "so.quotas.referrals.window", "P1D",
                "so.quotas.consult-bookings.limit", Integer.toString(CONSULT_BOOKINGS));
    }
}
