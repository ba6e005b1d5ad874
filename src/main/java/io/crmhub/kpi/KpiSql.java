package io.crmhub.kpi;

/** The SQL of the indicators (docs/kpis.md); {@link KpiQueries} binds and runs it. */
final class KpiSql {

    private KpiSql() {}

    /**
     * Facts attributed to golden customers, in base currency. NOT MATERIALIZED: each use below adds its own
     * date and kind predicates, which the planner pushes into the indexed fact table.
     */
    static final String FACTS = """
            WITH f AS NOT MATERIALIZED (
                SELECT f.entity, f.kind, f.occurred_on, f.occurred_at, f.escalated_at, f.resolved_at, f.score,
                       f.scale_max, f.amount * r.rate AS base, (f.amount IS NOT NULL AND r.rate IS NULL) AS unconverted,
                       l.golden_id
                FROM kpi_fact f
                JOIN identity_link l ON l.source_system = f.customer_system AND l.source_entity = f.customer_entity
                                    AND l.source_key = f.customer_key
                LEFT JOIN kpi_currency_rate r ON r.currency = f.currency
                WHERE (NOT :filtered OR l.golden_id = ANY (CAST(:ids AS uuid[])))
            ),
            lines AS NOT MATERIALIZED (
                SELECT o.golden_id, o.occurred_on, li.amount * o.rate AS amount_base,
                       (li.amount - li.cost) * o.rate AS margin_base, li.cost IS NOT NULL AS costed
                FROM kpi_fact li
                JOIN (SELECT f.source_system, f.source_entity, f.source_key, f.occurred_on, l.golden_id, r.rate
                      FROM kpi_fact f
                      JOIN identity_link l ON l.source_system = f.customer_system
                           AND l.source_entity = f.customer_entity AND l.source_key = f.customer_key
                      JOIN kpi_currency_rate r ON r.currency = f.currency
                      WHERE f.kind = 'ORDER_WON'
                        AND (NOT :filtered OR l.golden_id = ANY (CAST(:ids AS uuid[])))) o
                  ON o.source_system = li.source_system AND o.source_entity = li.order_entity
                 AND o.source_key = li.order_key
                WHERE li.kind = 'ORDER_LINE'
            ),
            leads AS NOT MATERIALIZED (
                SELECT l.golden_id, min((k.changed_at AT TIME ZONE :zone)::date) AS lead_on
                FROM kpi_lifecycle k
                JOIN identity_link l USING (source_system, source_entity, source_key)
                WHERE NOT k.snapshot AND k.status IN ('LEAD', 'PROSPECT')
                  AND (NOT :filtered OR l.golden_id = ANY (CAST(:ids AS uuid[])))
                GROUP BY l.golden_id
            )
            """;

    private static final String WON = "kind = 'ORDER_WON'";

    /** Every figure of one period; ratios are formed in Java so a zero denominator becomes null. */
    static final String PERIOD = FACTS + """
            SELECT
              (SELECT coalesce(sum(base), 0) FROM f WHERE %1$s AND occurred_on >= :s AND occurred_on < :e) AS revenue,
              (SELECT count(*) FROM f WHERE %1$s AND occurred_on >= :s AND occurred_on < :e) AS orders,
              (SELECT count(DISTINCT golden_id) FROM f WHERE %1$s AND occurred_on >= :s AND occurred_on < :e) AS buyers,
              (SELECT count(DISTINCT golden_id) FROM f WHERE %1$s AND occurred_on >= :e365 AND occurred_on < :e)
                  AS active_customers,
              (SELECT count(DISTINCT golden_id) FROM f WHERE %1$s AND occurred_on >= :ps AND occurred_on < :s)
                  AS previous_buyers,
              (SELECT count(*) FROM (SELECT golden_id FROM f WHERE %1$s AND occurred_on >= :ps AND occurred_on < :s
                  INTERSECT SELECT golden_id FROM f WHERE %1$s AND occurred_on >= :s AND occurred_on < :e) x) AS retained,
              (SELECT count(*) FROM (SELECT golden_id FROM f WHERE %1$s AND occurred_on >= :s AND occurred_on < :e
                  GROUP BY golden_id HAVING count(*) >= 2) x) AS repeaters,
              (SELECT coalesce(sum(base), 0) FROM f WHERE %1$s AND occurred_on >= :ps AND occurred_on < :s)
                  AS previous_revenue,
              (SELECT count(*) FROM leads WHERE lead_on >= :s AND lead_on < :e) AS new_leads,
              (SELECT count(*) FROM leads d WHERE lead_on >= :s AND lead_on < :e AND EXISTS (SELECT 1 FROM f
                  WHERE %1$s AND f.golden_id = d.golden_id AND occurred_on >= d.lead_on AND occurred_on <= :asOf))
                  AS converted_leads,
              (SELECT avg(fw.d - ft.d) FROM (SELECT golden_id, min(occurred_on) AS d FROM f WHERE %1$s
                  GROUP BY golden_id) fw
                JOIN (SELECT golden_id, min(d) AS d FROM (SELECT golden_id, lead_on AS d FROM leads
                      UNION ALL SELECT golden_id, occurred_on FROM f WHERE entity = 'interaction') t
                      GROUP BY golden_id) ft ON ft.golden_id = fw.golden_id AND ft.d <= fw.d
                WHERE fw.d >= :s AND fw.d < :e) AS sales_cycle_days,
              (SELECT avg(total) FROM (SELECT coalesce(sum(base), 0) AS total FROM f WHERE %1$s AND occurred_on < :e
                  GROUP BY golden_id) x) AS clv_historical,
              (SELECT sum(base) FROM f WHERE %1$s AND occurred_on >= :e365 AND occurred_on < :e) AS year_revenue,
              (SELECT count(base) FROM f WHERE %1$s AND occurred_on >= :e365 AND occurred_on < :e)
                  AS year_priced_orders,
              (SELECT count(*) FROM f WHERE %1$s AND occurred_on >= :e365 AND occurred_on < :e) AS year_orders,
              (SELECT count(DISTINCT golden_id) FROM f WHERE %1$s AND occurred_on >= :e365 AND occurred_on < :e)
                  AS year_buyers,
              (SELECT count(DISTINCT golden_id) FROM f WHERE %1$s AND occurred_on >= :e730 AND occurred_on < :e365)
                  AS earlier_year_buyers,
              (SELECT count(*) FROM (SELECT golden_id FROM f WHERE %1$s AND occurred_on >= :e730 AND occurred_on < :e365
                  INTERSECT SELECT golden_id FROM f WHERE %1$s AND occurred_on >= :e365 AND occurred_on < :e) x)
                  AS year_retained,
              (SELECT count(*) FROM f WHERE kind = 'COMPLAINT' AND occurred_on >= :s AND occurred_on < :e) AS complaints,
              (SELECT avg(extract(epoch FROM resolved_at - occurred_at)) / 3600 FROM f WHERE kind = 'COMPLAINT'
                  AND resolved_at IS NOT NULL AND (resolved_at AT TIME ZONE :zone)::date >= :s
                  AND (resolved_at AT TIME ZONE :zone)::date < :e) AS average_resolution_hours,
              (SELECT count(*) FROM f WHERE kind = 'COMPLAINT' AND occurred_at < :endAt
                  AND (resolved_at IS NULL OR resolved_at >= :endAt)
                  AND ((escalated_at IS NOT NULL AND escalated_at < :endAt)
                       OR occurred_at < CAST(:endAt AS timestamptz) - make_interval(hours => :slaHours))) AS overdue_escalations,
              (SELECT avg(score::numeric / scale_max * 5) FROM f WHERE kind = 'SURVEY' AND score IS NOT NULL
                  AND scale_max > 0 AND occurred_on >= :s AND occurred_on < :e) AS csat_average,
              (SELECT avg(CASE WHEN score::numeric / scale_max >= 0.8 THEN 1.0 ELSE 0.0 END) FROM f
                  WHERE kind = 'SURVEY' AND score IS NOT NULL AND scale_max > 0 AND occurred_on >= :s
                  AND occurred_on < :e) AS csat_satisfied_share,
              (SELECT coalesce(sum(base), 0) FROM f WHERE kind = 'PAYMENT' AND occurred_on >= :s AND occurred_on < :e)
                  AS collected,
              (SELECT greatest(0, coalesce(sum(base) FILTER (WHERE %1$s), 0)
                                - coalesce(sum(base) FILTER (WHERE kind = 'PAYMENT'), 0))
                  FROM f WHERE occurred_on < :e) AS receivables,
              (SELECT count(*) FROM f WHERE (%1$s OR kind = 'PAYMENT') AND unconverted AND occurred_on >= :s
                  AND occurred_on < :e) AS unconverted_records,
              (SELECT sum(margin_base) FROM lines WHERE costed AND occurred_on >= :s AND occurred_on < :e) AS margin,
              (SELECT sum(amount_base) FILTER (WHERE costed) / NULLIF(sum(amount_base), 0) FROM lines
                  WHERE occurred_on >= :s AND occurred_on < :e) AS cost_coverage,
              (SELECT avg(total) FROM (SELECT sum(margin_base) AS total FROM lines WHERE costed AND occurred_on < :e
                  GROUP BY golden_id) x) AS clv_margin_historical
            """.formatted(WON);

    /** RFM scores, segment and grade of every golden customer with a won order up to :asOf. */
    static final String CUSTOMERS = FACTS.replace("(NOT :filtered OR l.golden_id = ANY (CAST(:ids AS uuid[])))",
            "TRUE") + """
            , c AS (
                SELECT golden_id, :asOf - max(occurred_on) AS recency_days,
                       count(*) FILTER (WHERE occurred_on > :asOf - 365) AS frequency,
                       coalesce(sum(base) FILTER (WHERE occurred_on > :asOf - 365), 0) AS monetary,
                       coalesce(sum(base), 0) AS revenue, count(*) AS orders
                FROM f WHERE kind = 'ORDER_WON' AND occurred_on <= :asOf GROUP BY golden_id
            ), s AS (
                SELECT c.*,
                       ntile(5) OVER (ORDER BY recency_days DESC, golden_id) AS r,
                       ntile(5) OVER (ORDER BY frequency, golden_id) AS f,
                       ntile(5) OVER (ORDER BY monetary, golden_id) AS m,
                       coalesce(sum(revenue) OVER (ORDER BY revenue DESC, golden_id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                           / NULLIF(sum(revenue) OVER (), 0) AS share_before
                FROM c
            )
            SELECT s.*, CASE WHEN share_before < 0.8 THEN 'A' WHEN share_before < 0.95 THEN 'B' ELSE 'C' END AS grade
            FROM s
            """;
}
