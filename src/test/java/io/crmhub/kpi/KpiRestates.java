package io.crmhub.kpi;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tests read the KPI aggregates only after every mark committed so far is restated (V24: the restatement runs after the
 * writers' commits, route {@code kpi-restate}). Restates here, on the test's thread, what nobody is taking; marks the
 * hub's own restater holds at that moment are waited for until its round commits.
 */
public final class KpiRestates {

    private KpiRestates() {}

    /** Returns once no committed KPI mark is waiting or being restated. */
    public static void drain(JdbcTemplate jdbc) {
        await("every committed KPI mark restated").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    jdbc.queryForObject("SELECT kpi_restate_pending(100000)", Integer.class);
                    return jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM kpi_dirty)", Boolean.class);
                });
    }
}
