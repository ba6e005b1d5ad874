package io.crmhub.kpi;

/**
 * The SQL of the indicators (docs/kpis.md) over the aggregates of V13; {@link KpiQueries} binds and runs it. Every
 * query reads a bounded number of rows: per day, per period or per lead date for the whole store, or the
 * contributions of the given golden customers when a report is restricted to some.
 */
final class KpiSql {

    private KpiSql() {}

    private static final String DAY_COLUMNS = """
            day, won_orders, won_revenue, won_priced, unconverted, collected, complaints, resolved, resolved_seconds,
            overdue_delta, csat_n, csat_sum, csat_satisfied, line_amount, line_amount_n, costed_amount, costed_amount_n,
            margin, margin_n, first_buyers, margin_first, cycle_n, cycle_days, active_delta, year_retained_delta
            """;

    /**
     * Every day up to :end, store-wide: cumulative figures need the days before, running counts of +1/−1 events
     * (active customers, overdue complaints) the events of :end itself. A few thousand rows at most.
     */
    static final String DAYS = "SELECT " + DAY_COLUMNS + " FROM kpi_day WHERE day <= :end ORDER BY day";

    /** The same for some golden customers only. */
    static final String DAYS_OF = "SELECT " + DAY_COLUMNS
            + " FROM kpi_day_contributions(CAST(:ids AS uuid[])) WHERE day <= :end ORDER BY day";

    static final String PERIODS = """
            SELECT start, buyers, repeaters, retained FROM kpi_period
            WHERE granularity = :granularity AND start >= :from AND start < :end
            """;

    static final String PERIODS_OF = """
            SELECT start, buyers, repeaters, retained
            FROM kpi_period_contributions(CAST(:ids AS uuid[]), CAST(:granularity AS text))
            WHERE granularity = :granularity AND start >= :from AND start < :end
            """;

    /** New leads per lead date, and how many of them converted by :asOf. */
    static final String LEADS = """
            SELECT lead_on, sum(leads) AS leads, coalesce(sum(leads) FILTER (WHERE converted_on <= :asOf), 0) AS converted
            FROM kpi_lead WHERE lead_on >= :from AND lead_on < :end GROUP BY lead_on
            """;

    static final String LEADS_OF = """
            SELECT lead_on, sum(leads) AS leads, coalesce(sum(leads) FILTER (WHERE converted_on <= :asOf), 0) AS converted
            FROM kpi_lead_contributions(CAST(:ids AS uuid[]))
            WHERE lead_on >= :from AND lead_on < :end GROUP BY lead_on
            """;

    /**
     * RFM inputs of every golden customer with a won order up to :asOf. Lifetime figures come from kpi_customer, except
     * for customers with won orders after :asOf (a past asOf), whose days up to :asOf are summed; the 365-day window
     * is read from the won days of the window (an index-only range).
     */
    static final String RFM_INPUTS = """
            WITH pop AS (
                SELECT golden_id, last_won_on, won_orders, won_revenue FROM kpi_customer WHERE first_won_on <= :asOf
            ), late AS (
                SELECT d.golden_id, max(d.day) AS last_won_on, sum(d.won_orders) AS won_orders,
                       coalesce(sum(d.won_revenue), 0) AS won_revenue
                FROM pop p JOIN kpi_golden_day d ON d.golden_id = p.golden_id AND d.won_orders > 0 AND d.day <= :asOf
                WHERE p.last_won_on > :asOf
                GROUP BY d.golden_id
            ), win AS (
                SELECT golden_id, sum(won_orders) AS frequency, coalesce(sum(won_revenue), 0) AS monetary
                FROM kpi_golden_day WHERE won_orders > 0 AND day > :asOf - 365 AND day <= :asOf
                GROUP BY golden_id
            )
            SELECT p.golden_id, :asOf - coalesce(l.last_won_on, p.last_won_on) AS recency_days,
                   coalesce(w.frequency, 0) AS frequency, coalesce(w.monetary, 0) AS monetary,
                   coalesce(l.won_revenue, p.won_revenue) AS revenue, coalesce(l.won_orders, p.won_orders) AS orders
            FROM pop p LEFT JOIN late l USING (golden_id) LEFT JOIN win w USING (golden_id)
            """;

    /** RFM scores, segment and grade of every golden customer with a won order up to :asOf. */
    static final String CUSTOMERS = "WITH c AS (" + RFM_INPUTS + """
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
