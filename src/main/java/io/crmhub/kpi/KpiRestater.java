package io.crmhub.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Restates the KPI aggregates after the writers' commits (V24): the statement triggers of every writer (store batch,
 * identity merge or unmerge, catch-up) note what they touched in {@code kpi_dirty}, committed with their work; each
 * round here takes up to {@code hub.kpi.restate-batch-marks} committed marks nobody else is taking and restates what
 * they stand for, in a transaction of its own ({@code kpi_restate_pending}). The store consumer no longer waits for
 * the restatement, and marks of several batches share one. Every pod runs it (route {@code kpi-restate}); two rounds
 * never take the same mark.
 */
@Component
public class KpiRestater {

    /** The backlog gauge counts at most this many marks (a bounded scan, even behind a large backfill). */
    static final long PENDING_COUNT_LIMIT = 1_000_000;
    private static final long PENDING_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final JdbcTemplate jdbc;
    private final int batchMarks;
    private final Timer rounds;
    private final Counter marks;
    private final AtomicLong pending = new AtomicLong();
    private volatile long pendingCountedAt = System.nanoTime() - PENDING_REFRESH_NANOS;

    KpiRestater(JdbcTemplate jdbc, KpiProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.batchMarks = properties.restateBatchMarks();
        this.rounds = Timer.builder("hub.kpi.restate.rounds")
                .description("Rounds restating the KPI aggregates from the marks writers committed")
                .register(registry);
        this.marks = Counter.builder("hub.kpi.restate.marks")
                .description("KPI marks (a customer record's day, link or lifecycle) restated").register(registry);
        Gauge.builder("hub.kpi.restate.pending", pending, AtomicLong::get)
                .description("KPI marks committed and not restated yet (counted up to 1,000,000, every 5 s at most)")
                .register(registry);
    }

    /**
     * Restates what was marked and committed, round after round while rounds come back full; returns the marks taken.
     */
    public long restatePending() {
        long total = 0;
        int taken;
        do {
            long started = System.nanoTime();
            Integer n = jdbc.queryForObject("SELECT kpi_restate_pending(?)", Integer.class, batchMarks);
            taken = n == null ? 0 : n;
            if (taken > 0) {
                rounds.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                marks.increment(taken);
                total += taken;
            }
        } while (taken >= batchMarks);
        countPending();
        return total;
    }

    private void countPending() {
        long now = System.nanoTime();
        if (now - pendingCountedAt < PENDING_REFRESH_NANOS) {
            return;
        }
        pendingCountedAt = now;
        Long n = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM kpi_dirty LIMIT ?) x", Long.class,
                PENDING_COUNT_LIMIT);
        pending.set(n == null ? 0 : n);
    }
}
