package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The KPI aggregates (V13) as kept by the triggers, transaction after transaction, equal the same aggregates computed
 * afresh from the facts and the identity links as they are now: per golden customer and day, per customer, per day,
 * per period and per lead date. With {@link KpiCheck} (served indicators = plain SQL over the record tables) this
 * makes the referee: the upkeep loses nothing and the figures mean what docs/kpis.md says.
 */
final class AggregateCheck {

    private static final String EVERY_GOLDEN = "ARRAY(SELECT DISTINCT golden_id FROM identity_link)";

    private final JdbcTemplate jdbc;

    AggregateCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Asserts every aggregate table equals its recomputation from the facts; {@code when} names the moment. */
    void aggregatesEqualFacts(String when) {
        assertThat(rowDiff("kpi_golden_day", "kpi_golden_days_of")).as("%s: kpi_golden_day rows that differ", when)
                .isEmpty();
        assertThat(rowDiff("kpi_customer", "kpi_customers_of")).as("%s: kpi_customer rows that differ", when).isEmpty();
        assertThat(sumDiff("kpi_day", "kpi_day_contributions", "day")).as("%s: kpi_day days that differ", when)
                .isEmpty();
        assertThat(sumDiff("kpi_period", "kpi_period_contributions", "granularity, start"))
                .as("%s: kpi_period periods that differ", when).isEmpty();
        assertThat(sumDiff("kpi_lead", "kpi_lead_contributions", "lead_on, converted_on"))
                .as("%s: kpi_lead rows that differ", when).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM kpi_golden_day", Long.class))
                .as("%s: there is something to compare", when).isPositive();
    }

    /** Rows in one and not the other, either way (whole rows: dates, nulls and all). */
    private List<String> rowDiff(String table, String function) {
        String fresh = "SELECT * FROM " + function + "(" + EVERY_GOLDEN + ")";
        return jdbc.queryForList("""
                (SELECT 'stored ' || t::text FROM (SELECT * FROM %1$s EXCEPT ALL %2$s) t)
                UNION ALL
                (SELECT 'fresh ' || t::text FROM (%2$s EXCEPT ALL SELECT * FROM %1$s) t)
                LIMIT 20
                """.formatted(table, fresh), String.class);
    }

    /** Keys whose stored sums differ from the fresh ones (a stored row of zeros equals a missing one). */
    private List<String> sumDiff(String table, String function, String key) {
        List<String> keys = List.of(key.split(",\\s*"));
        List<String> values = jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """, String.class, table).stream().filter(c -> !keys.contains(c)).toList();
        String stored = values.stream().collect(Collectors.joining(", "));
        String negated = values.stream().map(c -> "-" + c).collect(Collectors.joining(", "));
        String differs = values.stream().map(c -> "sum(" + c + ") <> 0").collect(Collectors.joining(" OR "));
        return jdbc.queryForList("""
                SELECT concat_ws(' ', %1$s) FROM (
                    SELECT %1$s, %2$s FROM %4$s
                    UNION ALL
                    SELECT %1$s, %3$s FROM %5$s(%6$s)
                ) x GROUP BY %1$s HAVING %7$s LIMIT 20
                """.formatted(key, stored, negated, table, function, EVERY_GOLDEN, differs), String.class);
    }
}
