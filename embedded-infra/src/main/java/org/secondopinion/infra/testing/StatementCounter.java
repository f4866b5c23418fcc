package org.secondopinion.infra.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.SessionEventListener;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Counts the SQL statements one piece of work prepares in its own session. Session-scoped on purpose: Hibernate's
 * factory-wide statistics also count whatever runs meanwhile in the background (the outbox relay publishing the
 * snapshots of freshly seeded profiles), which once made a 4-statement search page look like an N+1 of 19.
 */
public final class StatementCounter {

    private StatementCounter() {
    }

    public record Counted<T>(T result, int statements) {
    }

    /** Runs {@code work} in a new transaction; {@code @Transactional} services it calls join it and its session. */
    public static <T> Counted<T> count(EntityManager em, Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            AtomicInteger statements = new AtomicInteger();
            em.unwrap(Session.class).addEventListeners(new SessionEventListener() {
                @Override
                public void jdbcPrepareStatementStart() {
                    statements.incrementAndGet();
                }
            });
            T result = work.get();
            return new Counted<>(result, statements.get());
        });
    }
}
