package org.secondopinion.specialist.credentials;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run that breaks is counted as failed (what the CredentialExpiryJobFailing alert fires on) and still fails. */
class CredentialExpiryRunsTest {

    @Test
    void aRunThatThrowsIsCountedAsFailed() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // no repository, publisher or configuration: the run breaks at its first step, as a lost database would
        CredentialExpiryJob job = new CredentialExpiryJob(null, null, null, meters);

        assertThatThrownBy(job::scheduled).isInstanceOf(RuntimeException.class);

        assertThat(meters.counter(CredentialExpiryJob.RUNS, "outcome", "failed").count()).isEqualTo(1);
        assertThat(meters.counter(CredentialExpiryJob.RUNS, "outcome", "succeeded").count()).isZero();
    }
}
