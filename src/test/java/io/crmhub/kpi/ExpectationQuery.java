package io.crmhub.kpi;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relations every expected indicator is written against, for one set of periods and customers: the
 * periods with their bounds in the KPI zone, the customers in scope (all golden customers, or those a filter
 * names), won orders, payments and interactions attributed to golden customers through {@code identity_link}
 * with money converted at the configured rates (null where the currency has no rate), and each golden
 * customer's lead date from the lifecycle history the test recorded.
 */
final class ExpectationQuery {

    private static final String BASE = """
            WITH rates(currency, rate) AS (VALUES ('CNY', 1.0), ('USD', 7.10), ('EUR', 7.75), ('HKD', 0.91)),
            periods AS (
                SELECT v.*, v.start_day::timestamp AT TIME ZONE 'Asia/Shanghai' AS start_at,
                       v.end_day::timestamp AT TIME ZONE 'Asia/Shanghai' AS end_at
                FROM %s AS v(label, prev_start, start_day, end_day)),
            scope(golden_id) AS (%s),
            won AS (
                SELECT l.golden_id, o.order_date AS day, o.total_amount * r.rate AS amount, r.rate IS NULL AS unconverted
                FROM order_record o
                JOIN identity_link l ON l.source_system = o.source_system
                     AND l.source_entity = o.payload->'customer'->>'entity' AND l.source_key = o.customer_key
                JOIN scope s ON s.golden_id = l.golden_id
                LEFT JOIN rates r ON r.currency = o.currency
                WHERE o.deleted_at IS NULL AND o.status IN ('CONFIRMED', 'SHIPPED', 'COMPLETED')),
            paid AS (
                SELECT l.golden_id, p.paid_at AS at, p.amount * r.rate AS amount, r.rate IS NULL AS unconverted
                FROM payment_record p
                JOIN identity_link l ON l.source_system = p.source_system
                     AND l.source_entity = p.payload->'customer'->>'entity' AND l.source_key = p.customer_key
                JOIN scope s ON s.golden_id = l.golden_id
                LEFT JOIN rates r ON r.currency = p.currency
                WHERE p.deleted_at IS NULL),
            touch AS (
                SELECT l.golden_id, i.kind, i.opened_at, i.escalated_at, i.resolved_at, i.score, i.scale_max
                FROM interaction_record i
                JOIN identity_link l ON l.source_system = i.source_system
                     AND l.source_entity = i.payload->'customer'->>'entity' AND l.source_key = i.customer_key
                JOIN scope s ON s.golden_id = l.golden_id
                WHERE i.deleted_at IS NULL),
            lead AS (
                SELECT l.golden_id, min((c.changed_at AT TIME ZONE 'Asia/Shanghai')::date) AS day
                FROM %s c
                JOIN identity_link l ON l.source_system = c.source_system AND l.source_entity = c.source_entity
                     AND l.source_key = c.source_key
                JOIN scope s ON s.golden_id = l.golden_id
                WHERE NOT c.snapshot AND c.status IN ('LEAD', 'PROSPECT')
                GROUP BY l.golden_id)
            """;

    private final JdbcTemplate jdbc;
    private final String base;

    ExpectationQuery(JdbcTemplate jdbc, Periods periods, Collection<UUID> customers) {
        this.jdbc = jdbc;
        String scope = customers == null ? "SELECT golden_id FROM golden_customer"
                : customers.isEmpty() ? "SELECT NULL::uuid WHERE false"
                : customers.stream().map(id -> "('" + id + "'::uuid)").collect(Collectors.joining(", ", "VALUES ", ""));
        base = BASE.formatted(periods.sqlValues(), scope, KpiFixtures.LIFECYCLE);
    }

    /** Runs one indicator's SELECT (label, value) over the base relations: period label → value. */
    Map<String, BigDecimal> perPeriod(String select) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        jdbc.query(base + select, rs -> {
            values.put(rs.getString(1), rs.getBigDecimal(2));
        });
        return values;
    }
}
