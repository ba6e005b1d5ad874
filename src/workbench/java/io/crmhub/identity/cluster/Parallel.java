package io.crmhub.identity.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Splits index ranges over a fixed number of threads and returns the per-range results in range order, so a
 * parallel stage gives the same output as a sequential one.
 */
public final class Parallel {

    /** An index range [from, to). */
    public record Range(int from, int to) {}

    private Parallel() {}

    public static <T> List<T> map(int size, int threads, Function<Range, T> work) {
        return run(size, threads, Math.max(1, threads * 4), work);
    }

    /** Like {@link #map}, but exactly one range per thread: for work with a cost per range (a connection). */
    public static <T> List<T> split(int size, int threads, Function<Range, T> work) {
        return run(size, threads, Math.max(1, threads), work);
    }

    private static <T> List<T> run(int size, int threads, int chunks, Function<Range, T> work) {
        List<Range> ranges = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) size * c / chunks);
            int to = (int) ((long) size * (c + 1) / chunks);
            ranges.add(new Range(from, to));
        }
        if (threads <= 1) {
            return ranges.stream().map(work).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "identity-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = ranges.stream().map(r -> pool.submit(() -> work.apply(r))).toList();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while matching", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
