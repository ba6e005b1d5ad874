package io.crmhub.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The result block printed at the end of a run; every figure says what it was measured between. */
final class Summary {

    private static final List<String> DEBEZIUM_KEYS = List.of("max.batch.size", "max.queue.size", "poll.interval.ms",
            "decimal.handling.mode", "plugin.name", "publication.name", "snapshot.mode", "offset.flush.interval.ms",
            "offset.storage");

    private Summary() {}

    static void print(BenchSettings s, ErpLoad load, double commitSeconds, boolean complete,
            CdcBenchmark.StoreResult store, long deadLetters, List<String> camel, List<String> cpu, String offsets, RawCapture.Result raw,
            Map<String, String> rawSettings) {
        double hubSeconds = (store.lastAppliedMillis() - load.firstCommitMillis()) / 1000.0;
        double hubRate = store.applied() / hubSeconds;
        Runtime rt = Runtime.getRuntime();
        StringBuilder b = new StringBuilder("\n========== crm-hub CDC benchmark ==========\n");
        line(b, "changes (N)", "%,d in %,d ERP transactions of up to %d (%s)", s.changes(), load.batches(),
                s.batchSize(), load.mix());
        line(b, "ERP commit rate", "%,.0f changes/s (first → last commit, %.1f s; %s)", s.changes() / commitSeconds,
                commitSeconds, s.rate() > 0 ? "paced at " + (long) s.rate() + "/s" : "as fast as possible");
        line(b, "reached the store", "%,d of %,d%s%s", store.applied(), s.changes(), complete ? "" : "  ** INCOMPLETE **",
                store.unmatched() > 0 ? " (+" + store.unmatched() + " warm-up rows, not counted)" : "");
        line(b, "dead letters", "%d", deadLetters);
        line(b, "store consumer", "%s", offsets);
        line(b, "hub end-to-end", "%,.0f changes/s (first ERP commit → last store apply, %.1f s)", hubRate, hubSeconds);
        line(b, "commit → store", "%s", store.latencies());
        line(b, "raw Debezium capture", "%,.0f records/s (%,d records, first → last record, %.1f s)", raw.perSecond(),
                raw.records(), (raw.lastMillis() - raw.firstMillis()) / 1000.0);
        line(b, "ratio hub/raw", "%.2f", hubRate / raw.perSecond());
        line(b, "hub settings", "store-consumers=%d, max-batch-size=%d, poll-interval-ms=%d, warm-up=%d changes, "
                + "extra=%s", s.storeConsumers(), s.maxBatchSize(), s.pollIntervalMs(), s.warmup(), s.hubOverrides());
        Map<String, String> dbz = new TreeMap<>();
        DEBEZIUM_KEYS.forEach(k -> dbz.put(k, rawSettings.get(k)));
        line(b, "raw engine settings", "%s, slot.name=%s", dbz, rawSettings.get("slot.name"));
        line(b, "JVM", "%s %s, %d cores, max heap %,d MiB", System.getProperty("java.vm.name"),
                Runtime.version(), rt.availableProcessors(), rt.maxMemory() >> 20);
        b.append("Camel statistics during the hub run (route / processor, time includes waiting):\n");
        camel.forEach(l -> b.append(l).append('\n'));
        b.append("CPU from the first ERP commit until the last change reached the store (top thread groups):\n");
        cpu.forEach(l -> b.append(l).append('\n'));
        b.append("============================================\n");
        System.out.print(b);
    }

    private static void line(StringBuilder b, String label, String format, Object... args) {
        b.append(String.format("%-22s ", label + ":")).append(String.format(format, args)).append('\n');
    }
}
