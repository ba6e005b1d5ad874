package io.crmhub.kpi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code kpi_dirty}, the marks every applying transaction writes and its commit trigger deletes (V13), small.
 * The commit's {@code DELETE} reads the whole table, dead marks of earlier transactions included, and new marks are
 * appended after them until a vacuum records the free space: between two autovacuum rounds (a minute apart at
 * PostgreSQL's default {@code autovacuum_naptime}) a shop export grew it to ~4,300 pages read by every commit, 6–7 s
 * of the database's time for a million lines (docs/benchmarks-shop.md). Vacuumed every
 * {@code hub.kpi.marks-vacuum-ms} instead (route {@code kpi-marks-vacuum}, every pod), it holds about a second's
 * marks. An empty table (no pages: idle, or just vacuumed and truncated) is left alone.
 */
@Component
public class KpiMarks {

    private static final Logger LOG = LoggerFactory.getLogger(KpiMarks.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcTemplate jdbc;
    private final Counter vacuums;
    /** Whether a refused vacuum was reported already: once is enough, every second would bury the log. */
    private final AtomicBoolean refusalReported = new AtomicBoolean();

    KpiMarks(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.vacuums = Counter.builder("hub.kpi.marks.vacuums")
                .description("Vacuums of the KPI marks' table (kpi_dirty) run by the hub")
                .register(registry);
    }

    /**
     * Vacuums the marks' table unless it has no pages. {@code SKIP_LOCKED}: another pod's vacuum of it is as good,
     * this one does not wait for it. Returns whether it vacuumed.
     */
    public boolean vacuum() {
        Long pages = jdbc.queryForObject("SELECT pg_relation_size('kpi_dirty') / current_setting('block_size')::int",
                Long.class);
        if (pages == null || pages == 0) {
            return false;
        }
        // VACUUM cannot run in a transaction block: the pool's connections are in autocommit
        SQLWarning refused = jdbc.execute((ConnectionCallback<SQLWarning>) c -> {
            try (Statement vacuum = c.createStatement()) {
                vacuum.execute("VACUUM (SKIP_LOCKED) kpi_dirty");
                return vacuum.getWarnings();
            }
        });
        if (refused != null) {
            // PostgreSQL skips the table with a warning, not an error: another vacuum holds it (SKIP_LOCKED, 55P03),
            // or this user may not vacuum it
            if (!LOCK_NOT_AVAILABLE.equals(refused.getSQLState()) && refusalReported.compareAndSet(false, true)) {
                LOG.warn("kpi_dirty not vacuumed: {} (the hub's database user must own it or hold MAINTAIN on it; "
                        + "until then every commit reads the dead KPI marks, docs/kpis.md)", refused.getMessage());
            }
            return false;
        }
        vacuums.increment();
        return true;
    }
}
