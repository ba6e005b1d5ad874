-- kpi_customers_of found a golden customer's lead date with "identity_link JOIN kpi_lifecycle" inside its LATERAL
-- subquery, and PostgreSQL was free to plan that join as a scan of kpi_lifecycle. A plan cached in the restatement's
-- session while the table was small stayed after it had grown: on the store-apply benchmark (50,000 changes on an
-- empty store) this one statement took 50 of the restatement's 55 s at commit, about 1 s per batch, a third of the
-- store transaction time. Every lookup now goes through an index one row at a time (LATERAL … OFFSET 0), like the
-- rest of the upkeep SQL: the cost of a restatement follows the customers it restates, not the size of the store.
CREATE OR REPLACE FUNCTION kpi_customers_of(g UUID[]) RETURNS SETOF kpi_customer LANGUAGE sql STABLE AS $$
    WITH d AS (
        SELECT d.* FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN LATERAL (SELECT d.* FROM kpi_golden_day d WHERE d.golden_id = u.golden_id OFFSET 0) d
    ),
    agg AS (
        SELECT golden_id, min(day) FILTER (WHERE won_orders > 0) AS first_won_on,
               max(day) FILTER (WHERE won_orders > 0) AS last_won_on,
               coalesce(sum(won_orders), 0) AS won_orders, coalesce(sum(won_revenue), 0) AS won_revenue,
               min(day) FILTER (WHERE interactions > 0) AS first_interaction_on,
               min(day) FILTER (WHERE margin_n > 0) AS margin_first_on
        FROM d GROUP BY golden_id
    ),
    leads AS (
        SELECT u.golden_id, x.lead_on
        FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN kpi_setting s
        CROSS JOIN LATERAL (
            SELECT min((k.changed_at AT TIME ZONE s.zone)::date) AS lead_on
            FROM (SELECT l.source_system, l.source_entity, l.source_key FROM identity_link l
                  WHERE l.golden_id = u.golden_id OFFSET 0) l
            CROSS JOIN LATERAL (SELECT k.changed_at FROM kpi_lifecycle k
                                WHERE k.source_system = l.source_system AND k.source_entity = l.source_entity
                                  AND k.source_key = l.source_key AND NOT k.snapshot
                                  AND k.status IN ('LEAD', 'PROSPECT') OFFSET 0) k) x
        WHERE x.lead_on IS NOT NULL
    ),
    converted AS (
        SELECT le.golden_id, min(d.day) AS converted_on
        FROM leads le JOIN d ON d.golden_id = le.golden_id AND d.won_orders > 0 AND d.day >= le.lead_on
        GROUP BY le.golden_id
    )
    SELECT golden_id, a.first_won_on, a.last_won_on, coalesce(a.won_orders, 0)::int, coalesce(a.won_revenue, 0),
           le.lead_on, c.converted_on, least(le.lead_on, a.first_interaction_on), a.margin_first_on
    FROM agg a FULL JOIN leads le USING (golden_id) LEFT JOIN converted c USING (golden_id)
    -- a customer with only payments, say, has nothing to keep here
    WHERE a.first_won_on IS NOT NULL OR a.won_revenue <> 0 OR le.lead_on IS NOT NULL
       OR a.first_interaction_on IS NOT NULL OR a.margin_first_on IS NOT NULL
$$;
