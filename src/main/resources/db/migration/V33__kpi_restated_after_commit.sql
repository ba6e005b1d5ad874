-- The KPI aggregates are restated just after the commit that changed their facts, in a transaction of their own,
-- instead of inside it (issue 11). Until now a deferred constraint trigger restated at every applying commit
-- (kpi_restate_dirty, V13/V22): ~5.7 ms a store batch, a fifth of the store's database time in a paced minute at
-- 1,000 changes/s (docs/benchmarks.md), spent while the batch held its identity locks and before its Kafka offsets
-- could be committed. Now the marks outlive the transaction that wrote them, and the hub restates them
-- (kpi_restate_marked, called every hub.kpi.restate-interval-ms by route kpi-aggregates-restate on every pod) on its
-- own connection, beside the store consumer, several batches' marks at once.
--
-- Why the result is the same: a mark becomes visible only with the commit that wrote it, together with that
-- transaction's facts and links, so whoever takes a mark reads (each statement a fresh snapshot under READ COMMITTED)
-- at least what the marking transaction wrote. A restatement recomputes its days and customers from the facts and
-- moves the shared tables by the difference from what they hold, serialised per golden customer (stripes 18, V13):
-- restating twice, or restating a customer whose facts moved on since the mark, leaves the tables equal to their
-- recomputation from the facts. Restaters take disjoint marks (FOR UPDATE SKIP LOCKED), so pods do not wait for each
-- other's marks. The record stripes of V22 (19, …) are no longer taken: they ordered two applying transactions
-- that each restated at their own commit without seeing the other's work, and a restater sees both.
--
-- What changes for a reader: an indicator shows a change once the restater has taken its marks (every 100 ms by
-- default, plus the restatement), not at the change's commit. A crash loses no mark: the table is now logged.

DROP TRIGGER kpi_restate_at_commit ON kpi_dirty_tx;
DROP FUNCTION kpi_restate_dirty();
DROP TABLE kpi_dirty_tx;

-- every mark trigger still calls it (V13, V20, V25): nothing to schedule any more
CREATE OR REPLACE FUNCTION kpi_schedule() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    NULL;
END $$;

ALTER TABLE kpi_dirty SET LOGGED;
-- when the mark was written: the restater reports how long the oldest mark it took waited (hub.kpi.restate.lag)
ALTER TABLE kpi_dirty ADD COLUMN noted_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- Takes at most max_marks committed marks no other restater holds, deletes them, restates what they name (as
-- kpi_restate_dirty did at commit, V22) and returns how many it took and when the oldest was written. Called in a
-- transaction of its own; nothing taken (0, NULL) when no mark is free.
CREATE FUNCTION kpi_restate_marked(max_marks INT, OUT taken INT, OUT oldest TIMESTAMPTZ) LANGUAGE plpgsql AS $$
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
    WITH d AS (DELETE FROM kpi_dirty WHERE ctid = ANY (ARRAY(
                   SELECT ctid FROM kpi_dirty LIMIT max_marks FOR UPDATE SKIP LOCKED))
               RETURNING *)
    SELECT count(*), min(noted_at), array_agg(DISTINCT golden_id) FILTER (WHERE what = 'f'),
           array_agg(source_system) FILTER (WHERE what <> 'f'), array_agg(source_entity) FILTER (WHERE what <> 'f'),
           array_agg(source_key) FILTER (WHERE what <> 'f'), array_agg(day) FILTER (WHERE what <> 'f'),
           array_agg(what) FILTER (WHERE what <> 'f'), array_agg(golden_id) FILTER (WHERE what <> 'f')
    INTO taken, oldest, whole, rs, re, rk, rd, rw, rg
    FROM d;
    IF taken = 0 THEN
        RETURN;
    END IF;
    SELECT array_agg(source_system), array_agg(source_entity), array_agg(source_key), array_agg(day)
    INTO ds, de, dk, dd
    FROM kpi_record_days(ARRAY(SELECT s FROM unnest(rs, rw) AS x(s, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT e FROM unnest(re, rw) AS x(e, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT k FROM unnest(rk, rw) AS x(k, w) WHERE w IN ('r', 'm')));
    -- resolved, locked, and resolved again: a merge that committed in between (and restated without this
    -- restater's days, which it had not taken) moved them with the record, so both customers are restated
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
END $$;

-- generic plans, as the restatement at commit had (V24): every lookup it makes goes through an index row by row
ALTER FUNCTION kpi_restate_marked(INT) SET plan_cache_mode = force_generic_plan;
