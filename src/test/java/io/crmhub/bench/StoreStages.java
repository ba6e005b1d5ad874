package io.crmhub.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The store's own account of its batches between two snapshots: seconds per stage of the transaction
 * ({@code hub.store.batch.stage}: records, identity and its parts, kpi), and whole batches
 * ({@code hub.store.batch.duration}, commit included; {@code hub.store.batch.events}), and how long the oldest and
 * the newest event of a batch waited from their publish to the start of their batch ({@code hub.store.batch.queued}).
 */
record StoreStages(Map<String, Double> stageSeconds, long batches, double batchSeconds, double events,
                   double deferred, Map<String, double[]> queued, Map<Long, Double> batchesWithin) {

    static StoreStages snapshot(MeterRegistry registry) {
        Map<String, Double> stages = new TreeMap<>();
        registry.find("hub.store.batch.stage").timers().forEach(t -> stages.put(t.getId().getTag("stage"),
                t.totalTime(TimeUnit.MILLISECONDS) / 1000.0));
        Timer batch = registry.find("hub.store.batch.duration").timer();
        var size = registry.find("hub.store.batch.events").summary();
        var deferred = registry.find("hub.identity.batch.deferred").counter();
        Map<String, double[]> queued = new TreeMap<>();
        registry.find("hub.store.batch.queued").timers().forEach(t -> queued.put(t.getId().getTag("event"),
                new double[] {t.count(), t.totalTime(TimeUnit.MILLISECONDS)}));
        // hub_store_batch_duration_seconds_bucket: batches that took at most each bound (ms)
        Map<Long, Double> within = new TreeMap<>();
        if (batch != null) {
            for (CountAtBucket b : batch.takeSnapshot().histogramCounts()) {
                within.put(Math.round(b.bucket(TimeUnit.MILLISECONDS)), b.count());
            }
        }
        return new StoreStages(stages, batch == null ? 0 : batch.count(),
                batch == null ? 0 : batch.totalTime(TimeUnit.MILLISECONDS) / 1000.0,
                size == null ? 0 : size.totalAmount(), deferred == null ? 0 : deferred.count(), queued, within);
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
        // the long batches behind a latency tail: how many took longer than each bucket bound
        if (n > 0 && !batchesWithin.isEmpty()) {
            StringBuilder over = new StringBuilder();
            batchesWithin.forEach((bound, count) -> over.append(over.isEmpty() ? "" : ", ").append(String.format(
                    Locale.ROOT, ">%d ms: %.0f", bound, n - (count - before.batchesWithin.getOrDefault(bound, 0.0)))));
            line.append("; batches ").append(over);
        }
        // hub.store.batch.queued: publish → batch start of each batch's oldest and newest event (Kafka-fed batches)
        queued.forEach((which, now) -> {
            double[] then = before.queued.getOrDefault(which, new double[2]);
            double count = now[0] - then[0];
            if (count > 0) {
                line.append(String.format(Locale.ROOT, "; %s event queued %.0f ms on mean", which,
                        (now[1] - then[1]) / count));
            }
        });
        return line.toString();
    }
}
