package io.crmhub.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result block printed at the end of a run; every figure says what it was measured between. The very last
 * lines are one {@code RESULT <mode> key=value ...} per mode, for scripts and for issue 11's figures.
 */
final class Summary {

    private static final List<String> DEBEZIUM_KEYS = List.of("max.batch.size", "max.queue.size", "poll.interval.ms",
            "decimal.handling.mode", "plugin.name", "publication.name", "snapshot.mode", "offset.flush.interval.ms",
            "offset.storage");

    private final BenchSettings s;
    private final List<RoundResult> bursts;
    private final RoundResult paced;
    private final RawCapture.Result raw;
    private final Map<String, String> rawSettings;
    private final long deadLetters;
    private final IdentityQuality quality;
    private final StringBuilder b = new StringBuilder();

    Summary(BenchSettings s, List<RoundResult> bursts, RoundResult paced, RawCapture.Result raw,
            Map<String, String> rawSettings, long deadLetters, IdentityQuality quality) {
        this.s = s;
        this.bursts = bursts;
        this.paced = paced;
        this.raw = raw;
        this.rawSettings = rawSettings;
        this.deadLetters = deadLetters;
        this.quality = quality;
    }

    void print(List<String> camel, List<String> cpu, String offsets) {
        b.append("\n========== crm-hub CDC benchmark ==========\n");
        bursts.forEach(this::round);
        if (paced != null) {
            round(paced);
        }
        line("raw Debezium capture", "%,.0f records/s (%,d records of all rounds, first → last record, %.1f s)",
                raw.perSecond(), raw.records(), (raw.lastMillis() - raw.firstMillis()) / 1000.0);
        if (!bursts.isEmpty()) {
            line("ratio hub/raw", "%.3f (burst 1)", bursts.get(0).perSecond() / raw.perSecond());
        }
        if (bursts.size() > 1) {
            line("second/first", "%.2f (burst 2 changes/s ÷ burst 1 changes/s)", secondRatio());
        }
        line("dead letters", "%d", deadLetters);
        line("identity", "%s", quality);
        line("store consumer", "%s", offsets);
        line("hub settings", "store-consumers=%d, max-batch-size=%d, poll-interval-ms=%d, warm-up=%d changes, "
                + "extra=%s", s.storeConsumers(), s.maxBatchSize(), s.pollIntervalMs(), s.warmup(), s.hubOverrides());
        Map<String, String> dbz = new TreeMap<>();
        DEBEZIUM_KEYS.forEach(k -> dbz.put(k, rawSettings.get(k)));
        line("raw engine settings", "%s, slot.name=%s", dbz, rawSettings.get("slot.name"));
        Runtime rt = Runtime.getRuntime();
        line("JVM", "%s %s, %d cores, max heap %,d MiB", System.getProperty("java.vm.name"), Runtime.version(),
                rt.availableProcessors(), rt.maxMemory() >> 20);
        b.append("Camel statistics of the whole hub run (route / processor, time includes waiting):\n");
        camel.forEach(l -> b.append(l).append('\n'));
        b.append("CPU during the burst rounds (top thread groups):\n");
        cpu.forEach(l -> b.append(l).append('\n'));
        b.append("============================================\n");
        if (!bursts.isEmpty()) {
            b.append(burstResult()).append('\n');
        }
        if (s.rate() > 0) {
            b.append(pacedResult()).append('\n');
        }
        System.out.print(b);
    }

    private void round(RoundResult r) {
        LoadRound l = r.round();
        b.append("-- ").append(l.name).append(r.complete() ? "" : "  ** INCOMPLETE: bench.max-minutes reached **")
                .append('\n');
        line("changes", "%,d in %,d ERP transactions (%s)", l.changes(), l.batches(), l.mix());
        line("ERP commit rate", "%,.0f changes/s (first send → last commit, %.1f s)", l.changes() / l.commitSeconds(),
                l.commitSeconds());
        line("done", "%,d of %,d (stored: %,d)", r.done(), l.changes(), r.storedCount());
        line("hub end-to-end", "%,.0f changes/s (first commit → %s, %.1f s)", r.perSecond(),
                r.complete() ? "last change done" : "deadline, done changes only", r.seconds());
        line("commit → done", "%s", r.endToEnd());
        line("commit → captured", "%s", r.captured());
        line("commit → stored", "%s", r.stored());
        line("commit → golden", "%s", r.golden());
        line("commit → link row", "%s (its last write, which later changes of the record move: the measure before "
                + "2026-12-04)", r.linkRow());
    }

    private double secondRatio() {
        return bursts.get(1).perSecond() / bursts.get(0).perSecond();
    }

    private String burstResult() {
        RoundResult first = bursts.get(0);
        boolean complete = bursts.size() == s.rounds() && bursts.stream().allMatch(RoundResult::complete);
        String second = bursts.size() > 1 ? fmt("%.0f", bursts.get(1).perSecond()) : "n/a";
        String secondRatio = bursts.size() > 1 ? fmt("%.2f", secondRatio()) : "n/a";
        return fmt("RESULT cdc_burst changes=%d rounds=%d complete=%s hub_per_s=%.0f raw_per_s=%.0f ratio=%.3f "
                + "second_per_s=%s second_ratio=%s p50_ms=%d p99_ms=%d golden_p99_ms=%d dead_letters=%d goldens=%d "
                + "planted_pairs_linked=%s over_merged=%d erp_commit_per_s=%.0f", s.changes(), s.rounds(), complete,
                first.perSecond(),
                raw.perSecond(), first.perSecond() / raw.perSecond(), second, secondRatio,
                first.endToEnd().percentile(50), first.endToEnd().percentile(99), first.golden().percentile(99),
                deadLetters, quality.goldens(), quality.pairs(), quality.overMerged(),
                first.round().changes() / first.round().commitSeconds());
    }

    private String pacedResult() {
        if (paced == null) {
            return fmt("RESULT cdc_paced rate=%.0f seconds=%d complete=false skipped=true "
                    + "reason=bursts_incomplete_or_deadline", s.rate(), s.seconds());
        }
        LoadRound l = paced.round();
        return fmt("RESULT cdc_paced rate=%.0f seconds=%d changes=%d complete=%s committed_per_s=%.0f "
                + "achieved_per_s=%.0f p50_ms=%d p99_ms=%d golden_p50_ms=%d golden_p99_ms=%d", s.rate(), s.seconds(),
                l.changes(), paced.complete(), l.changes() / l.commitSeconds(), paced.perSecond(),
                paced.endToEnd().percentile(50), paced.endToEnd().percentile(99), paced.golden().percentile(50),
                paced.golden().percentile(99));
    }

    private void line(String label, String format, Object... args) {
        b.append(String.format("%-22s ", label + ":")).append(fmt(format, args)).append('\n');
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
