package org.secondopinion.platform.tx;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one query found for many keys, kept for the rest of the current transaction: an event consumer's batch asks
 * the database once for all of its events (which cases have a match, whose contact preferences exist) instead of
 * once per event. It is no cache: the answers die with the transaction, and a key the batch did not ask about is
 * looked up as before. It also remembers "asked, not found", which a Hibernate session never does, so a key that
 * has no row costs no second query either.
 *
 * <p>Written here rather than taken from a library: the answers must live exactly as long as one JTA transaction,
 * which is what {@link TransactionSynchronizationRegistry#putResource} is for.
 *
 * @param <K> the key asked about (a case id, a user id)
 * @param <V> what was found for it
 */
public final class BatchAnswers<K, V> {

    /** This instance's key among the transaction's resources (an identity, so two instances never mix). */
    private final Object resourceKey = new Object();
    private final TransactionSynchronizationRegistry transactions;

    public BatchAnswers(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * Records, for the rest of the transaction, that {@code asked} were looked up and {@code found} is what exists
     * (keys of {@code asked} missing from it have no value). Does nothing outside a transaction.
     */
    public void record(Collection<K> asked, Map<K, V> found) {
        Answers<K, V> answers = answers(true);
        if (answers != null) {
            answers.asked.addAll(asked);
            answers.found.putAll(found);
        }
    }

    /**
     * A value this transaction itself created for {@code key} (e.g. a row it inserted), so that a later question
     * about the key is answered with it. Does nothing unless this transaction recorded a look-up.
     */
    public void add(K key, V value) {
        Answers<K, V> answers = answers(false);
        if (answers != null) {
            answers.asked.add(key);
            answers.found.put(key, value);
        }
    }

    /**
     * The recorded answer for {@code key} ({@code null}: asked, nothing found), or, for a key no look-up of this
     * transaction asked about, whatever {@code lookUp} returns.
     */
    public V get(K key, Function<K, V> lookUp) {
        Answers<K, V> answers = answers(false);
        if (answers != null && answers.asked.contains(key)) {
            return answers.found.get(key);
        }
        return lookUp.apply(key);
    }

    @SuppressWarnings("unchecked")
    private Answers<K, V> answers(boolean create) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return null;
        }
        Answers<K, V> answers = (Answers<K, V>) transactions.getResource(resourceKey);
        if (answers == null && create) {
            answers = new Answers<>(new HashSet<>(), new HashMap<>());
            transactions.putResource(resourceKey, answers);
        }
        return answers;
    }

    private record Answers<K, V>(Set<K> asked, Map<K, V> found) {
    }
}
