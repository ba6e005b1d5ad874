package io.crmhub.kpi;

import java.sql.Timestamp;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Waits for the hub's restater (route {@code kpi-aggregates-restate}, V33) to have restated every KPI mark written
 * before the call: the aggregates follow a commit shortly after it, not in it. A mark taken by a restater that has not
 * committed yet is still visible to other transactions, so "no mark older than the call is left" means that every
 * restatement of them committed.
 */
public final class KpiRestated {

    private KpiRestated() {
    }

    /** Returns once no KPI mark written before the call is left (at most a minute). */
    public static void await(JdbcTemplate jdbc) {
        Timestamp now = jdbc.queryForObject("SELECT clock_timestamp()", Timestamp.class);
        Awaitility.await("KPI marks written before " + now + " restated").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM kpi_dirty WHERE noted_at <= ?", Long.class,
                        now) == 0);
    }
}
