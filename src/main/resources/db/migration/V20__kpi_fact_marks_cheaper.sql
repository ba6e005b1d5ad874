-- kpi_fact_changed (V13) made cheaper, same marks: a fact's own day is taken straight from the fact, and the days a
-- complaint adds (its resolution day, the day after, the day it becomes overdue) are computed for complaints only,
-- instead of four candidate days with CASE expressions for every fact. On 3,000 facts a statement (an order export:
-- orders and their lines) the trigger took 49 ms and now 38 ms (lab: 100 such statements, 4.9 s → 3.8 s); it was
-- 60 % of the kpi_fact upsert, the largest statement of a shop file's store apply (docs/benchmarks-shop.md).
CREATE OR REPLACE FUNCTION kpi_fact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n BIGINT := 0;
    m BIGINT := 0;
BEGIN
    -- The two branches are one query on new_facts and on old_facts. Kept as two static copies on purpose: one query
    -- run with EXECUTE format(…, table) marks the same days but is planned at every statement, and was 15-20 % slower
    -- in the lab (200 upserts of 1,000-2,000 facts: 9.3 / 11.5 s static against 11.1 / 13.0 s dynamic).
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, day, what)
        SELECT DISTINCT s, e, k, day, 'd' FROM (
            SELECT f.customer_system AS s, f.customer_entity AS e, f.customer_key AS k, f.occurred_on AS day
            FROM new_facts f WHERE f.customer_key IS NOT NULL AND f.occurred_on IS NOT NULL
            UNION ALL
            SELECT f.customer_system, f.customer_entity, f.customer_key, x.day
            FROM new_facts f
            CROSS JOIN kpi_setting st
            CROSS JOIN LATERAL (
                SELECT (f.resolved_at AT TIME ZONE st.zone)::date AS resolved_on,
                       (greatest(f.occurred_at, least(f.escalated_at,
                           f.occurred_at + make_interval(hours => st.complaint_sla_hours))) AT TIME ZONE st.zone)::date
                           AS from_on) c
            CROSS JOIN LATERAL (VALUES (c.resolved_on), (c.resolved_on + 1), (c.from_on + 1)) x(day)
            WHERE f.kind = 'COMPLAINT' AND f.customer_key IS NOT NULL AND x.day IS NOT NULL
            UNION ALL
            SELECT o.customer_system, o.customer_entity, o.customer_key, o.occurred_on
            FROM new_facts li
            JOIN kpi_fact o ON o.source_system = li.source_system AND o.source_entity = li.order_entity
                           AND o.source_key = li.order_key
            WHERE li.order_key IS NOT NULL AND o.customer_key IS NOT NULL
        ) d;
        GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, day, what)
        SELECT DISTINCT s, e, k, day, 'd' FROM (
            SELECT f.customer_system AS s, f.customer_entity AS e, f.customer_key AS k, f.occurred_on AS day
            FROM old_facts f WHERE f.customer_key IS NOT NULL AND f.occurred_on IS NOT NULL
            UNION ALL
            SELECT f.customer_system, f.customer_entity, f.customer_key, x.day
            FROM old_facts f
            CROSS JOIN kpi_setting st
            CROSS JOIN LATERAL (
                SELECT (f.resolved_at AT TIME ZONE st.zone)::date AS resolved_on,
                       (greatest(f.occurred_at, least(f.escalated_at,
                           f.occurred_at + make_interval(hours => st.complaint_sla_hours))) AT TIME ZONE st.zone)::date
                           AS from_on) c
            CROSS JOIN LATERAL (VALUES (c.resolved_on), (c.resolved_on + 1), (c.from_on + 1)) x(day)
            WHERE f.kind = 'COMPLAINT' AND f.customer_key IS NOT NULL AND x.day IS NOT NULL
            UNION ALL
            SELECT o.customer_system, o.customer_entity, o.customer_key, o.occurred_on
            FROM old_facts li
            JOIN kpi_fact o ON o.source_system = li.source_system AND o.source_entity = li.order_entity
                           AND o.source_key = li.order_key
            WHERE li.order_key IS NOT NULL AND o.customer_key IS NOT NULL
        ) d;
        GET DIAGNOSTICS m = ROW_COUNT;
    END IF;
    IF n + m > 0 THEN
        PERFORM kpi_schedule();
    END IF;
    RETURN NULL;
END $$;
