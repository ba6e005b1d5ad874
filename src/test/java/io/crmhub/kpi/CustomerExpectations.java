package io.crmhub.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * RFM scores, segment and ABC grade of every golden customer as of a day (docs/kpis.md, "Per customer"),
 * recomputed with plain SQL. The population is every golden customer with a won order on or before asOf —
 * in the whole store, because quintiles and revenue shares are relative to everybody.
 */
final class CustomerExpectations {

    /** What {@code GET /api/v1/kpis/customers/{id}} must say. */
    record CustomerKpi(BigDecimal revenue, long orders, Integer recencyDays, Integer frequency,
                       BigDecimal monetary, Integer r, Integer f, Integer m, String segment, String grade) {}

    private static final String RFM = """
            WITH rates(currency, rate) AS (VALUES ('CNY', 1.0), ('USD', 7.10), ('EUR', 7.75), ('HKD', 0.91)),
            won AS (
                SELECT l.golden_id, o.order_date AS day, o.total_amount * r.rate AS amount
                FROM order_record o
                JOIN identity_link l ON l.source_system = o.source_system
                     AND l.source_entity = o.payload->'customer'->>'entity' AND l.source_key = o.customer_key
                LEFT JOIN rates r ON r.currency = o.currency
                WHERE o.deleted_at IS NULL AND o.status IN ('CONFIRMED', 'SHIPPED', 'COMPLETED')
                  AND o.order_date <= :asOf),
            base AS (
                SELECT golden_id, count(*) AS orders, :asOf - max(day) AS recency,
                       count(*) FILTER (WHERE day > :asOf - 365) AS frequency,
                       COALESCE(sum(amount) FILTER (WHERE day > :asOf - 365), 0) AS monetary,
                       COALESCE(sum(amount), 0) AS lifetime
                FROM won GROUP BY golden_id),
            scored AS (
                SELECT b.*,
                       ntile(5) OVER (ORDER BY recency DESC, golden_id) AS r,
                       ntile(5) OVER (ORDER BY frequency, golden_id) AS f,
                       ntile(5) OVER (ORDER BY monetary, golden_id) AS m,
                       COALESCE(sum(lifetime) OVER (ORDER BY lifetime DESC, golden_id
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                           / NULLIF(sum(lifetime) OVER (), 0) AS share_before
                FROM base b)
            SELECT golden_id, lifetime AS revenue, monetary, orders, recency, frequency, r, f, m,
                   CASE WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'champions'
                        WHEN f >= 4 THEN 'loyal'
                        WHEN r >= 4 AND f = 1 THEN 'new'
                        WHEN r <= 2 AND f >= 3 THEN 'at-risk'
                        WHEN r <= 2 AND f <= 2 THEN 'hibernating'
                        ELSE 'needs-attention' END AS segment,
                   CASE WHEN share_before < 0.8 THEN 'A' WHEN share_before < 0.95 THEN 'B' ELSE 'C' END AS grade
            FROM scored
            """;

    private final JdbcTemplate jdbc;

    CustomerExpectations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every scored golden customer; one that is missing has no won order up to asOf (revenue 0, no scores). */
    Map<UUID, CustomerKpi> asOf(LocalDate asOf) {
        Map<UUID, CustomerKpi> out = new LinkedHashMap<>();
        jdbc.query(RFM.replace(":asOf", "DATE '" + asOf + "'"), rs -> {
            out.put(rs.getObject("golden_id", UUID.class), new CustomerKpi(rs.getBigDecimal("revenue"),
                    rs.getLong("orders"), rs.getInt("recency"), rs.getInt("frequency"), rs.getBigDecimal("monetary"),
                    rs.getInt("r"), rs.getInt("f"), rs.getInt("m"), rs.getString("segment"), rs.getString("grade")));
        });
        return out;
    }

    static CustomerKpi unscored() {
        return new CustomerKpi(BigDecimal.ZERO, 0, null, null, null, null, null, null, null, null);
    }
}
