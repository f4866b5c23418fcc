package org.secondopinion.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** N clients, each starting its next operation when the previous one answered, until a deadline. */
final class ClosedLoop {

    record Result(Latencies latencies, int completed, int failed, double seconds, String firstFailure) {
        double perSecond() {
            return completed / seconds;
        }
    }

    private ClosedLoop() {
    }

    static <T> Result run(int clients, double seconds, Supplier<CompletionStage<T>> operation) {
        Latencies latencies = new Latencies();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        StringBuilder firstFailure = new StringBuilder();
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        CompletableFuture<?>[] done = new CompletableFuture<?>[clients];
        for (int i = 0; i < clients; i++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done[i] = finished;
            next(operation, deadline, latencies, completed, failed, firstFailure, finished);
        }
        CompletableFuture.allOf(done).join();
        return new Result(latencies, completed.get(), failed.get(), (System.nanoTime() - started) / 1e9,
                firstFailure.toString());
    }

    private static <T> void next(Supplier<CompletionStage<T>> operation, long deadline, Latencies latencies,
                                 AtomicInteger completed, AtomicInteger failed, StringBuilder firstFailure,
                                 CompletableFuture<Void> finished) {
        if (System.nanoTime() >= deadline) {
            finished.complete(null);
            return;
        }
        long began = System.nanoTime();
        operation.get().whenComplete((value, error) -> {
            if (error == null) {
                latencies.record(System.nanoTime() - began);
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
                synchronized (firstFailure) {
                    if (firstFailure.isEmpty()) {
                        firstFailure.append(error);
                    }
                }
            }
            next(operation, deadline, latencies, completed, failed, firstFailure, finished);
        });
    }
}
