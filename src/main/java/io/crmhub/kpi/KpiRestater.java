package io.crmhub.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Restates the KPI aggregates from the marks that applying transactions committed ({@code kpi_dirty}, V33): each call
 * of {@code kpi_restate_marked} takes up to {@code hub.kpi.restate-marks} marks no other restater holds, restates the
 * days and customers they name and commits, on its own connection, beside the store consumer. Run every
 * {@code hub.kpi.restate-interval-ms} by route {@code kpi-aggregates-restate} on every pod; pods take disjoint marks.
 * An indicator therefore shows a change shortly after the change's commit (docs/kpis.md), and the store's apply
 * transaction no longer pays for the restatement (docs/benchmarks.md).
 */
@Component
public class KpiRestater {

    private final JdbcTemplate jdbc;
    private final int maxMarks;
    private final Timer restatements;
    private final Timer lag;
    private final Counter marks;

    KpiRestater(JdbcTemplate jdbc, KpiProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.maxMarks = properties.restateMarks();
        this.restatements = Timer.builder("hub.kpi.restate")
                .description("Transactions restating the KPI aggregates from committed marks, and their time")
                .register(registry);
        this.lag = Timer.builder("hub.kpi.restate.lag")
                .description("How long the oldest mark a restatement took had waited since it was written")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.marks = Counter.builder("hub.kpi.restate.marks")
                .description("KPI marks restated (a day of a source record, a record that joined or left a golden "
                        + "customer, a golden customer whole)")
                .register(registry);
    }

    /**
     * Restates every mark committed before the call and not held by another restater, in transactions of at most
     * {@code hub.kpi.restate-marks} marks; returns how many it took.
     */
    public int restatePending() {
        int total = 0;
        int taken;
        do {
            taken = restateOnce();
            total += taken;
        } while (taken >= maxMarks);
        return total;
    }

    private int restateOnce() {
        long started = System.nanoTime();
        // one statement: its own transaction (the pool's connections are in autocommit)
        Taken t = jdbc.queryForObject("SELECT taken, oldest FROM kpi_restate_marked(?)",
                (rs, n) -> new Taken(rs.getInt(1), rs.getTimestamp(2)), maxMarks);
        if (t == null || t.count() == 0) {
            return 0;
        }
        restatements.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        marks.increment(t.count());
        if (t.oldest() != null) {
            lag.record(Duration.between(t.oldest().toInstant(), Instant.now()).abs());
        }
        return t.count();
    }

    private record Taken(int count, Timestamp oldest) {}
}
