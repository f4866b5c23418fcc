package org.secondopinion.platform.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {items, page, size, total}} (DESIGN §11). Pages count from 0. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
