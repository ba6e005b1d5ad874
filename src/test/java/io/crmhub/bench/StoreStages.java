package io.crmhub.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The store's own account of its batches between two snapshots: seconds per stage of the transaction
 * ({@code hub.store.batch.stage}: records, identity and its parts, kpi), and whole batches
 * ({@code hub.store.batch.duration}, commit included; {@code hub.store.batch.events}).
 */
record StoreStages(Map<String, Double> stageSeconds, long batches, double batchSeconds, double events,
                   double deferred) {

    static StoreStages snapshot(MeterRegistry registry) {
        Map<String, Double> stages = new TreeMap<>();
        registry.find("hub.store.batch.stage").timers().forEach(t -> stages.put(t.getId().getTag("stage"),
                t.totalTime(TimeUnit.MILLISECONDS) / 1000.0));
        Timer batch = registry.find("hub.store.batch.duration").timer();
        var size = registry.find("hub.store.batch.events").summary();
        var deferred = registry.find("hub.identity.batch.deferred").counter();
        return new StoreStages(stages, batch == null ? 0 : batch.count(),
                batch == null ? 0 : batch.totalTime(TimeUnit.MILLISECONDS) / 1000.0,
                size == null ? 0 : size.totalAmount(), deferred == null ? 0 : deferred.count());
    }

    /** Seconds per stage since {@code before}. */
    Map<String, Double> since(StoreStages before) {
        Map<String, Double> delta = new TreeMap<>();
        stageSeconds.forEach((stage, s) -> delta.put(stage, s - before.stageSeconds.getOrDefault(stage, 0.0)));
        return delta;
    }

    /**
     * One line: the stages, the records left to one-by-one resolution, and the batches with their mean size and
     * duration, since {@code before}.
     */
    String describeSince(StoreStages before) {
        StringBuilder line = new StringBuilder();
        since(before).forEach((stage, s) -> line.append(String.format(Locale.ROOT, " %s=%.1fs", stage, s)));
        line.append(String.format(Locale.ROOT, " deferred-records=%.0f", deferred - before.deferred));
        long n = batches - before.batches;
        double seconds = batchSeconds - before.batchSeconds;
        double applied = events - before.events;
        line.append(String.format(Locale.ROOT, "; %,d batches, %.1f s in batches (commit included), mean %.0f events"
                + " and %.0f ms per batch, %.2f ms per event", n, seconds, n == 0 ? 0 : applied / n,
                n == 0 ? 0 : 1000 * seconds / n, applied == 0 ? 0 : 1000 * seconds / applied));
        return line.toString();
    }
}
