package org.secondopinion.platform.inbox;

import org.junit.jupiter.api.Test;
import org.secondopinion.platform.events.MalformedEventException;
import org.secondopinion.platform.problem.StateConflictProblem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures the inbox waits out, and which it dead-letters. */
class TransientFailuresTest {

    @Test
    void anUnreachableOrRestartingDatabaseIsWaitedOut() {
        assertThat(TransientFailures.isTransient(new RuntimeException("tx failed",
                new SQLTransientConnectionException("Acquisition timeout while waiting for new connection")))).isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException(new SQLException("terminating connection "
                + "due to administrator command", "57P01")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("connection refused",
                "08001")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("deadlock detected",
                "40P01")))).isTrue();
    }

    @Test
    void aWrongMessageOrARefusedTransitionIsNot() {
        assertThat(TransientFailures.isTransient(new MalformedEventException("not a readable CloudEvent"))).isFalse();
        assertThat(TransientFailures.isTransient(new StateConflictProblem("case is CLOSED", "CLOSED"))).isFalse();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("null value in column",
                "23502")))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }
}
