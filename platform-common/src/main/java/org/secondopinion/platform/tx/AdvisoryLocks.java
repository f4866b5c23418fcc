package org.secondopinion.platform.tx;

import jakarta.persistence.EntityManager;

/**
 * PostgreSQL's transaction-level advisory locks: waited for, then held until the caller's transaction ends (commit
 * or rollback), also when its connection dies.
 * <p>
 * The statements select a typed {@code 1}: {@code pg_advisory_xact_lock} returns {@code void}, and Hibernate resolves
 * the type of a {@code void} column anew on every execution, building and catching an exception each time; taken
 * once per feed item that was 7.6 % of notification-service's CPU in a 50 cases/s run (async-profiler).
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for the lock {@code key} and holds it until the transaction ends. In a transaction. */
    public static void holdUntilCommit(EntityManager em, long key) {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)", Integer.class)
                .setParameter(1, key).getSingleResult();
    }

    /** The same for a named lock (its key is PostgreSQL's {@code hashtext} of the name). In a transaction. */
    public static void holdUntilCommit(EntityManager em, String name) {
        em.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(?1))", Integer.class)
                .setParameter(1, name).getSingleResult();
    }
}
