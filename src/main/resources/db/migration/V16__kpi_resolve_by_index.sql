-- The marks a transaction left are resolved to golden customers at its commit (kpi_resolve, twice: before and after
-- the restatement's locks). Its joins of the marks with identity_link and kpi_lifecycle, and kpi_record_days' join
-- with kpi_fact, were left to the planner, which may hash them over the whole table when a cached plan's statistics
-- are old: on the store-apply benchmark (50,000 changes into an empty store) kpi_resolve took 4.6 s of the first
-- round (43 ms a call) and 1.5 s of the second. As in V15, every lookup now goes through an index one mark at a time
-- (LATERAL … OFFSET 0): the cost follows the marks, not the size of the store. Same answers (KpiCorrectnessIT).
CREATE OR REPLACE FUNCTION kpi_record_days(rs TEXT[], re TEXT[], rk TEXT[])
RETURNS TABLE (source_system TEXT, source_entity TEXT, source_key TEXT, day DATE) LANGUAGE sql STABLE AS $$
    SELECT DISTINCT r.s, r.e, r.k, x.day
    FROM (SELECT DISTINCT s, e, k FROM unnest(rs, re, rk) AS u(s, e, k)) r
    CROSS JOIN LATERAL (SELECT f.kind, f.occurred_on, f.occurred_at, f.escalated_at, f.resolved_at FROM kpi_fact f
                        WHERE f.customer_system = r.s AND f.customer_entity = r.e AND f.customer_key = r.k
                        OFFSET 0) f
    CROSS JOIN kpi_setting s
    CROSS JOIN LATERAL (
        SELECT CASE WHEN f.kind = 'COMPLAINT' THEN (f.resolved_at AT TIME ZONE s.zone)::date END AS resolved_on,
               CASE WHEN f.kind = 'COMPLAINT' THEN (greatest(f.occurred_at, least(f.escalated_at,
                   f.occurred_at + make_interval(hours => s.complaint_sla_hours))) AT TIME ZONE s.zone)::date END
                   AS from_on) c
    CROSS JOIN LATERAL (VALUES (f.occurred_on), (c.resolved_on), (c.resolved_on + 1), (c.from_on + 1)) x(day)
    WHERE x.day IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION kpi_resolve(rs TEXT[], re TEXT[], rk TEXT[], rd DATE[], rw "char"[], rg UUID[], ds TEXT[],
                                       de TEXT[], dk TEXT[], dd DATE[])
RETURNS TABLE (golden_id UUID, day DATE) LANGUAGE sql STABLE AS $$
    WITH r AS (
        SELECT coalesce(m.g, l.golden_id) AS golden_id, m.s, m.e, m.k, m.day, m.what
        FROM unnest(rs, re, rk, rd, rw, rg) AS m(s, e, k, day, what, g)
        LEFT JOIN LATERAL (SELECT l.golden_id FROM identity_link l
                           WHERE m.what <> 'm' AND l.source_system = m.s AND l.source_entity = m.e
                             AND l.source_key = m.k OFFSET 0) l ON true
    ),
    record_days AS (SELECT * FROM unnest(ds, de, dk, dd) AS d(s, e, k, day)),
    matters AS (
        SELECT s, e, k FROM record_days
        UNION
        SELECT r.s, r.e, r.k FROM r
        CROSS JOIN LATERAL (SELECT 1 FROM kpi_lifecycle c
                            WHERE c.source_system = r.s AND c.source_entity = r.e AND c.source_key = r.k
                              AND NOT c.snapshot AND c.status IN ('LEAD', 'PROSPECT') LIMIT 1 OFFSET 0) c
        WHERE r.what IN ('r', 'm')
    ),
    moved AS (SELECT r.* FROM r JOIN matters m ON m.s = r.s AND m.e = r.e AND m.k = r.k WHERE r.what IN ('r', 'm'))
    SELECT golden_id, day FROM r WHERE what = 'd' AND golden_id IS NOT NULL
    UNION
    SELECT m.golden_id, d.day FROM moved m JOIN record_days d ON d.s = m.s AND d.e = m.e AND d.k = m.k
    WHERE m.golden_id IS NOT NULL
    UNION
    SELECT golden_id, NULL FROM r WHERE what = 'c' AND golden_id IS NOT NULL
    UNION
    SELECT golden_id, NULL FROM moved WHERE golden_id IS NOT NULL
$$;
