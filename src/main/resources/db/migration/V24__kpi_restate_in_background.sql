-- The KPI aggregates are restated after the writer's commit, not in it (issue 11, "stream at the sources' speed").
-- Restating at commit (a deferred constraint trigger, V13/V22) was ~13 % of the single store consumer's time in a
-- paced run at 1,000 changes/s (kpi_restate 5.3 s, resolving the marks 1.5 s of 52 s in batches) and a fixed ~4 ms of
-- every store batch: time every queued change waited for. Writers still note what they touched, in the same
-- statements as before (kpi_dirty, now logged: marks are committed with the facts and links they stand for and
-- survive a crash); the hub's restater (route kpi-restate, io.crmhub.kpi.KpiRestater) takes committed marks a round
-- at a time, in a transaction of its own, and restates them as the commit used to. Marks of several transactions
-- share a round: a golden customer's day touched by ten batches is restated once.
--
-- Why nothing is lost: a mark is taken only once committed, so its round sees (each statement a fresh snapshot under
-- READ COMMITTED) the facts and links of its own transaction and of every one committed before; a transaction that
-- commits later brings marks of its own, restated by a later round. Rounds of two pods take disjoint marks (SKIP
-- LOCKED) and restate a golden customer one after the other (its stripe, V13), each from what the other committed.
-- The record stripes of V22 stay: two rounds naming one record also take turns.
ALTER TABLE kpi_dirty SET LOGGED;

DROP TRIGGER kpi_restate_at_commit ON kpi_dirty_tx;
DROP FUNCTION kpi_restate_dirty();

-- Takes up to max_marks committed marks nobody else is taking, restates what they stand for and returns how many it
-- took (0: nothing waiting). Otherwise as kpi_restate_dirty (V22).
CREATE FUNCTION kpi_restate_pending(max_marks INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    taken     INTEGER;
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
    WITH d AS (
        DELETE FROM kpi_dirty WHERE ctid = ANY (ARRAY(SELECT ctid FROM kpi_dirty LIMIT max_marks
                                                      FOR UPDATE SKIP LOCKED))
        RETURNING *)
    SELECT count(*), array_agg(DISTINCT golden_id) FILTER (WHERE what = 'f'),
           array_agg(source_system) FILTER (WHERE what <> 'f'), array_agg(source_entity) FILTER (WHERE what <> 'f'),
           array_agg(source_key) FILTER (WHERE what <> 'f'), array_agg(day) FILTER (WHERE what <> 'f'),
           array_agg(what) FILTER (WHERE what <> 'f'), array_agg(golden_id) FILTER (WHERE what <> 'f')
    INTO taken, whole, rs, re, rk, rd, rw, rg
    FROM d;
    IF taken = 0 THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(19, h)
    FROM (SELECT DISTINCT hashtext(s || ':' || e || ':' || k) & 1023 AS h FROM unnest(rs, re, rk) AS x(s, e, k)
          ORDER BY 1) r;
    SELECT array_agg(source_system), array_agg(source_entity), array_agg(source_key), array_agg(day)
    INTO ds, de, dk, dd
    FROM kpi_record_days(ARRAY(SELECT s FROM unnest(rs, rw) AS x(s, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT e FROM unnest(re, rw) AS x(e, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT k FROM unnest(rk, rw) AS x(k, w) WHERE w IN ('r', 'm')));
    -- resolved, locked, and resolved again: a merge that committed in between (and restated without these marks'
    -- facts, if it could not see them yet) moved them with the record, so both customers are restated
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
    RETURN taken;
END $$;

-- The mark triggers no longer schedule anything at commit: as V20 (facts) and V13 (lifecycle, links) without the
-- kpi_schedule() call.
CREATE OR REPLACE FUNCTION kpi_fact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The two branches are one query on new_facts and on old_facts. Kept as two static copies on purpose: one query
    -- run with EXECUTE format(…, table) marks the same days but is planned at every statement (V20).
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
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION kpi_lifecycle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
        SELECT DISTINCT source_system, source_entity, source_key, 'c'
        FROM new_lifecycle WHERE NOT snapshot AND status IN ('LEAD', 'PROSPECT');
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
        SELECT DISTINCT source_system, source_entity, source_key, 'c'
        FROM old_lifecycle WHERE NOT snapshot AND status IN ('LEAD', 'PROSPECT');
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION kpi_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO kpi_dirty (golden_id, source_system, source_entity, source_key, what)
        VALUES (OLD.golden_id, OLD.source_system, OLD.source_entity, OLD.source_key, 'm');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
        VALUES (NEW.source_system, NEW.source_entity, NEW.source_key, 'r');
    END IF;
    RETURN NULL;
END $$;

DROP FUNCTION kpi_schedule();
DROP TABLE kpi_dirty_tx;
