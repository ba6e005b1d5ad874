package io.crmhub.identity.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock seconds per named stage, in the order they ran. Not thread-safe: one per run. */
public final class StageTimes {

    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Adds the time since {@code startNanos} to the stage and returns now, to chain stages. */
    public long record(String stage, long startNanos) {
        long now = System.nanoTime();
        seconds.merge(stage, (now - startNanos) / 1e9, Double::sum);
        return now;
    }

    public Map<String, Double> seconds() {
        return Map.copyOf(seconds);
    }

    public double of(String stage) {
        return seconds.getOrDefault(stage, 0.0);
    }

    public Iterable<String> stages() {
        return seconds.keySet();
    }
}
