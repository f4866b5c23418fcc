package org.secondopinion.platform.tx;

import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link BatchAnswers} for questions whose answer is only "exists or not" (which cases have a match, which are
 * referrals): one query for a batch's keys, kept until the transaction ends.
 *
 * @param <K> the key asked about
 */
public final class BatchExistence<K> {

    private final BatchAnswers<K, Boolean> answers;

    public BatchExistence(TransactionSynchronizationRegistry transactions) {
        this.answers = new BatchAnswers<>(transactions);
    }

    /** Records that {@code asked} were looked up and, of them, {@code existing} exist. */
    public void record(Collection<K> asked, Collection<K> existing) {
        Map<K, Boolean> found = new HashMap<>();
        existing.forEach(key -> found.put(key, Boolean.TRUE));
        answers.record(asked, found);
    }

    /** Something this transaction created for {@code key}: it exists from now on (see {@link BatchAnswers#add}). */
    public void add(K key) {
        answers.add(key, Boolean.TRUE);
    }

    /** The recorded answer for {@code key}, or, for a key no look-up of this transaction asked about, {@code lookUp}'s. */
    public boolean exists(K key, Predicate<K> lookUp) {
        return answers.get(key, k -> lookUp.test(k) ? Boolean.TRUE : null) != null;
    }
}
