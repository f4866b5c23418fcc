package org.secondopinion.platform.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * One page of a list: {@code {items, page, size, total, totalExact}} (DESIGN §11). Pages count from 0.
 *
 * <p>{@code total} is exact unless {@code totalExact} is false: a list that may hold many thousand rows (a patient's
 * or the coordinators' case list) counts at most a limit of rows, and then {@code total} means "at least this many",
 * as a search engine's hit count does. An exact count of such a list costs a scan of every matching row on every
 * page, which is most of the request (see {@link #counted}).
 */
public record PageResult<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    /** A page whose total is exact. */
    public PageResult(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, total, totalExact);
    }

    /**
     * A page and its total, counting as little as the page allows.
     * <ul>
     *   <li>A page that is not full (and not past the end) is the last one: the total is what came before it plus
     *       its items, and nothing is counted.</li>
     *   <li>Otherwise {@code countUpTo} counts the matching rows but stops at the limit it is given:
     *       {@code countLimit}, or one row more than this page reaches, whichever is larger. A count that reaches the
     *       limit gives {@code total} = the limit with {@code totalExact} false.</li>
     * </ul>
     *
     * @param countUpTo counts the matching rows, stopping at its argument (so it returns at most that)
     */
    public static <T> PageResult<T> counted(List<T> items, int page, int size, long countLimit,
                                            LongUnaryOperator countUpTo) {
        long before = (long) page * size;
        if (items.size() < size && (!items.isEmpty() || page == 0)) {
            return new PageResult<>(items, page, size, before + items.size(), true);
        }
        long limit = Math.max(countLimit, before + size + 1);
        long counted = countUpTo.applyAsLong(limit);
        return counted < limit
                ? new PageResult<>(items, page, size, counted, true)
                : new PageResult<>(items, page, size, limit, false);
    }
}
