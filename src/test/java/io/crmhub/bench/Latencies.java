package io.crmhub.bench;

import java.util.Arrays;

/** Commit → store latencies in milliseconds, one per change, and their percentiles (nearest rank). */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] millis) {
        this.sorted = millis.clone();
        Arrays.sort(sorted);
    }

    long percentile(double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long max() {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    long min() {
        return sorted.length == 0 ? -1 : sorted[0];
    }

    int count() {
        return sorted.length;
    }

    @Override
    public String toString() {
        return "p50 " + percentile(50) + " ms, p90 " + percentile(90) + " ms, p99 " + percentile(99)
                + " ms, max " + max() + " ms (min " + min() + " ms, " + count() + " changes)";
    }
}
