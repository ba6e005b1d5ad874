-- Two store transactions committing at once could both miss a record's facts (seen in CI: TwoHubsApplyIT, three of
-- 500 golden customers left without their order and payment days in kpi_golden_day). One applies an order of record R
-- while R is not linked yet: at its commit R resolves to no golden customer, so nothing is restated. The other links R
-- to golden customer G: at its commit it restates G from R's facts, but the order is not committed yet, so it is not
-- among them. Golden-customer stripes (18, …) cannot order the two, since the first has no golden customer to lock.
-- Now the restatement at commit first locks the stripe of every source record its marks name (19, 1,024 stripes of
-- hashtext of the record, as the golden stripes: a batch takes at most 1,024 of these locks, whatever its size, so the
-- server's lock table is not filled by a large batch), in order: of two transactions noting the same record, the
-- second waits for the first's commit and then reads (each statement a fresh snapshot under READ COMMITTED) its link
-- or its facts. Record stripes are taken before any golden stripe, so a transaction waiting for one holds none of
-- those. Otherwise as V13.
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
    DELETE FROM kpi_dirty_tx;
    PERFORM set_config('kpi.dirty', '', true);
    WITH d AS (DELETE FROM kpi_dirty RETURNING *)
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
