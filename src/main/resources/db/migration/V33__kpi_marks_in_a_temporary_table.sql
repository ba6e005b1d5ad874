-- The marks of what a transaction's KPI restatement must redo (kpi_dirty, V13) live only inside their transaction: the
-- store's triggers write them and the restatement at commit deletes them. They were rows of one unlogged table shared
-- by every session, and its deleted rows stayed in the heap until autovacuum came by (every minute at best): the
-- commit's "DELETE FROM kpi_dirty" had no index and read every page of them, live or dead, to find its own few hundred.
-- A shop export of 1,000,000 lines marks 1,250,000 rows and that delete read ~5,000 pages a commit, 6.8-7.2 s of the
-- store's 98-108 s in the database (docs/benchmarks-shop.md, 2026-12-07). Now each session has its own temporary
-- kpi_dirty, emptied by every commit that wrote to it (ON COMMIT DELETE ROWS: a truncation, no dead rows), made by the
-- first trigger that marks in the session (kpi_dirty_here), and named pg_temp.kpi_dirty wherever it is used, so no
-- search path can send a mark elsewhere. The functions are those of V13, V20, V22 and V25 otherwise unchanged; each
-- makes sure the table exists before its first statement on it is planned.
CREATE FUNCTION kpi_dirty_here() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.kpi_dirty') IS NULL THEN
        CREATE TEMPORARY TABLE kpi_dirty (
            golden_id     UUID,
            source_system TEXT,
            source_entity TEXT,
            source_key    TEXT,
            day           DATE,
            what          "char" NOT NULL
        ) ON COMMIT DELETE ROWS;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION kpi_fact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n BIGINT := 0;
    m BIGINT := 0;
BEGIN
    PERFORM kpi_dirty_here();
    -- The two branches are one query on new_facts and on old_facts. Kept as two static copies on purpose: one query
    -- run with EXECUTE format(…, table) marks the same days but is planned at every statement, and was 15-20 % slower
    -- in the lab (200 upserts of 1,000-2,000 facts: 9.3 / 11.5 s static against 11.1 / 13.0 s dynamic).
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO pg_temp.kpi_dirty (source_system, source_entity, source_key, day, what)
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
        INSERT INTO pg_temp.kpi_dirty (source_system, source_entity, source_key, day, what)
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

CREATE OR REPLACE FUNCTION kpi_lifecycle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n BIGINT := 0;
    m BIGINT := 0;
BEGIN
    PERFORM kpi_dirty_here();
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO pg_temp.kpi_dirty (source_system, source_entity, source_key, what)
        SELECT DISTINCT source_system, source_entity, source_key, 'c'
        FROM new_lifecycle WHERE NOT snapshot AND status IN ('LEAD', 'PROSPECT');
        GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO pg_temp.kpi_dirty (source_system, source_entity, source_key, what)
        SELECT DISTINCT source_system, source_entity, source_key, 'c'
        FROM old_lifecycle WHERE NOT snapshot AND status IN ('LEAD', 'PROSPECT');
        GET DIAGNOSTICS m = ROW_COUNT;
    END IF;
    IF n + m > 0 THEN
        PERFORM kpi_schedule();
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION kpi_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_dirty_here();
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO pg_temp.kpi_dirty (golden_id, source_system, source_entity, source_key, what)
        VALUES (OLD.golden_id, OLD.source_system, OLD.source_entity, OLD.source_key, 'm');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO pg_temp.kpi_dirty (source_system, source_entity, source_key, what)
        VALUES (NEW.source_system, NEW.source_entity, NEW.source_key, 'r');
    END IF;
    PERFORM kpi_schedule();
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION kpi_links_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    marked BIGINT := 0;
BEGIN
    PERFORM kpi_dirty_here();
    INSERT INTO pg_temp.kpi_dirty (source_system, source_entity, source_key, what)
    SELECT source_system, source_entity, source_key, 'r' FROM new_links;
    GET DIAGNOSTICS marked = ROW_COUNT;
    IF marked > 0 THEN
        PERFORM kpi_schedule();
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION kpi_restate_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    whole     UUID[];
    rs        TEXT[];
    re        TEXT[];
    rk        TEXT[];
    rd        DATE[];
    rw        "char"[];
    rg        UUID[];
    ds        TEXT[];
    de        TEXT[];
    dk        TEXT[];
    dd        DATE[];
    g1        UUID[];
    d1        DATE[];
    g2        UUID[];
    d2        DATE[];
    pair_g    UUID[];
    pair_d    DATE[];
    customers UUID[];
BEGIN
    PERFORM kpi_dirty_here();
    DELETE FROM kpi_dirty_tx;
    PERFORM set_config('kpi.dirty', '', true);
    WITH d AS (DELETE FROM pg_temp.kpi_dirty RETURNING *)
    SELECT array_agg(DISTINCT golden_id) FILTER (WHERE what = 'f'),
           array_agg(source_system) FILTER (WHERE what <> 'f'), array_agg(source_entity) FILTER (WHERE what <> 'f'),
           array_agg(source_key) FILTER (WHERE what <> 'f'), array_agg(day) FILTER (WHERE what <> 'f'),
           array_agg(what) FILTER (WHERE what <> 'f'), array_agg(golden_id) FILTER (WHERE what <> 'f')
    INTO whole, rs, re, rk, rd, rw, rg
    FROM d;
    -- Before anything is read: one lock per source record noted (V22), so a transaction that links a record and one
    -- that writes facts of it restate one after the other, each seeing what the other committed.
    PERFORM pg_advisory_xact_lock(19, h)
    FROM (SELECT DISTINCT hashtext(s || ':' || e || ':' || k) & 1023 AS h FROM unnest(rs, re, rk) AS x(s, e, k)
          ORDER BY 1) r;
    SELECT array_agg(source_system), array_agg(source_entity), array_agg(source_key), array_agg(day)
    INTO ds, de, dk, dd
    FROM kpi_record_days(ARRAY(SELECT s FROM unnest(rs, rw) AS x(s, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT e FROM unnest(re, rw) AS x(e, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT k FROM unnest(rk, rw) AS x(k, w) WHERE w IN ('r', 'm')));
    -- resolved, locked, and resolved again: a merge that committed in between (and restated without this
    -- transaction's facts, which it could not see) moved them with the record, so both customers are restated
    SELECT array_agg(golden_id), array_agg(day) INTO g1, d1 FROM kpi_resolve(rs, re, rk, rd, rw, rg, ds, de, dk, dd);
    PERFORM pg_advisory_xact_lock(18, h)
    FROM (SELECT DISTINCT hashtext(x::text) & 1023 AS h FROM unnest(coalesce(g1, '{}') || coalesce(whole, '{}')) x
          ORDER BY 1) k;
    SELECT array_agg(golden_id), array_agg(day) INTO g2, d2 FROM kpi_resolve(rs, re, rk, rd, rw, rg, ds, de, dk, dd);
    SELECT coalesce(array_agg(g ORDER BY g, d) FILTER (WHERE d IS NOT NULL), '{}'),
           coalesce(array_agg(d ORDER BY g, d) FILTER (WHERE d IS NOT NULL), '{}'),
           coalesce(array_agg(g) FILTER (WHERE d IS NULL), '{}')
    INTO pair_g, pair_d, customers
    FROM (SELECT DISTINCT g, d FROM unnest(coalesce(g1, '{}') || coalesce(g2, '{}'),
                                           coalesce(d1, '{}') || coalesce(d2, '{}')) AS u(g, d)) x;
    PERFORM kpi_restate(whole, pair_g, pair_d, customers);
    RETURN NULL;
END $$;

-- CREATE OR REPLACE dropped their SET clause (V24, V25)
ALTER FUNCTION kpi_fact_changed() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION kpi_lifecycle_changed() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION kpi_link_changed() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION kpi_links_inserted() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION kpi_restate_dirty() SET plan_cache_mode = force_generic_plan;

-- nothing writes the shared table any more
DROP TABLE kpi_dirty;
