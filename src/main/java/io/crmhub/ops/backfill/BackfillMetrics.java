package io.crmhub.ops.backfill;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * {@code hub_backfill_*}: per source and entity, the progress ratio, rate, ETA and record counts of the current
 * (or last) run, and records by outcome.
 */
@Component
public class BackfillMetrics {

    private final MeterRegistry registry;
    private final Map<String, Holder> current = new ConcurrentHashMap<>();

    public BackfillMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A new attempt of a run: its progress from now on feeds the gauges of its source and entity. */
    public BackfillProgress start(String system, String entity, long done, long total) {
        BackfillProgress progress = new BackfillProgress(done, total);
        current.computeIfAbsent(system + "/" + entity, k -> register(Tags.of("source", system, "entity", entity)))
                .progress = progress;
        return progress;
    }

    public void record(String system, String entity, BackfillCounts.Outcome outcome) {
        record(system, entity, outcome, 1);
    }

    public void record(String system, String entity, BackfillCounts.Outcome outcome, long records) {
        registry.counter("hub.backfill.records", "source", system, "entity", entity,
                "outcome", outcome.name().toLowerCase()).increment(records);
    }

    private Holder register(Tags tags) {
        Holder h = new Holder();
        gauge("hub.backfill.progress", "Share of the run's records done (0..1)", tags, h, p -> p.ratio());
        gauge("hub.backfill.rate", "Records per second in the current attempt", tags, h, BackfillProgress::rate);
        gauge("hub.backfill.eta.seconds", "Seconds left at the current rate (-1 unknown)", tags, h,
                BackfillProgress::etaSeconds);
        gauge("hub.backfill.total.records", "Records in the run's range", tags, h, p -> p.total());
        gauge("hub.backfill.done.records", "Records of the run handled so far", tags, h, p -> p.done());
        return h;
    }

    private void gauge(String name, String help, Tags tags, Holder h, ToDoubleFunction<BackfillProgress> f) {
        Gauge.builder(name, h, holder -> holder.progress == null ? 0 : f.applyAsDouble(holder.progress))
                .description(help).tags(tags).register(registry);
    }

    private static final class Holder {
        private volatile BackfillProgress progress;
    }
}
