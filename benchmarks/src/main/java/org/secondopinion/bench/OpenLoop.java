package org.secondopinion.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Operations started at a fixed rate whatever the answers take (as patients arrive), for a fixed time; the caller
 * gets every started operation's future.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    static <T> List<CompletableFuture<T>> run(double perSecond, int seconds, Supplier<CompletionStage<T>> operation) {
        List<CompletableFuture<T>> started = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long total = Math.round(perSecond * seconds);
        long periodNanos = (long) (1e9 / perSecond);
        timer.scheduleAtFixedRate(() -> {
            synchronized (started) {
                if (started.size() < total) {
                    started.add(operation.get().toCompletableFuture());
                }
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        try {
            timer.awaitTermination(seconds * 1000L + 200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        synchronized (started) {
            return new ArrayList<>(started);
        }
    }

    /** The answers of operations that succeeded within {@code waitSeconds}; failures are counted, not thrown. */
    static <T> List<T> collect(List<CompletableFuture<T>> futures, int waitSeconds, int[] failed) {
        List<T> done = new ArrayList<>();
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        for (CompletableFuture<T> f : futures) {
            try {
                done.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                if (++failed[0] <= 3) { // what went wrong, without flooding the table
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    System.out.println("  (failed: " + cause + ")");
                }
            }
        }
        return done;
    }
}
