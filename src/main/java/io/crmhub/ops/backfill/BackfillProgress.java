package io.crmhub.ops.backfill;

import java.time.Duration;
import java.util.Locale;

/**
 * Progress of one run: done out of total, the rate of this attempt and the time left at that rate. Read by the
 * {@code hub_backfill_*} gauges from other threads, hence volatile.
 */
public final class BackfillProgress {

    private final long startNanos = System.nanoTime();
    private final long doneAtStart;
    private volatile long total;
    private volatile long done;

    BackfillProgress(long doneAtStart, long total) {
        this.doneAtStart = doneAtStart;
        this.done = doneAtStart;
        this.total = total;
    }

    void update(long doneNow, long totalNow) {
        this.done = doneNow;
        this.total = Math.max(totalNow, doneNow);
    }

    public long done() {
        return done;
    }

    public long total() {
        return total;
    }

    public double ratio() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    /** Records per second in this attempt. */
    public double rate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : (done - doneAtStart) / seconds;
    }

    /** Seconds left at the current rate, -1 while unknown. */
    public double etaSeconds() {
        double rate = rate();
        return rate <= 0 ? (done >= total ? 0 : -1) : Math.max(0, total - done) / rate;
    }

    String line(String label, long runId) {
        double eta = etaSeconds();
        String etaText = eta < 0 ? "?" : Duration.ofSeconds(Math.round(eta)).toString().substring(2).toLowerCase();
        return String.format(Locale.ROOT, "backfill %s run %d: %d/%d (%.1f %%), %.0f records/s, ETA %s", label, runId,
                done, total, ratio() * 100, rate(), etaText);
    }
}
