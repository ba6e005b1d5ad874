-- PostgreSQL 17 plans the statement of a LANGUAGE sql function again at every call from a new query (its plan lives
-- for one execution of the calling statement; PostgreSQL 18 caches them). The restatement at each store commit
-- (kpi_restate_dirty → kpi_restate) calls nine of them: a paced run at 200 changes/s measured kpi_restate at 6.4 ms
-- per transaction of 14 changes, most of a store batch's fixed cost. As plpgsql functions (RETURN QUERY of the same
-- statement) their plans are kept for the session. The bodies are taken unchanged from the catalogue; a column still
-- wins over a parameter or output column of the same name, as it does in a SQL function (#variable_conflict), and
-- each output column is cast to its declared type as a SQL function does implicitly (RETURN QUERY does not).
DO $$
DECLARE
    f    RECORD;
    cols TEXT;
    n    INT;
BEGIN
    FOR f IN
        SELECT p.oid, p.proname, pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
               p.prorettype, p.proallargtypes, p.proargmodes,
               CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END AS volatility,
               regexp_replace(p.prosrc, ';\s*$', '') AS body
        FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
        WHERE l.lanname = 'sql' AND p.pronamespace = current_schema()::regnamespace
          AND p.proname IN ('kpi_golden_days_of', 'kpi_golden_days_at', 'kpi_customer_contributions',
                            'kpi_spell_contributions', 'kpi_period_contributions', 'kpi_lead_contributions',
                            'kpi_customers_of', 'kpi_record_days', 'kpi_resolve')
    LOOP
        IF f.body ~ ';' THEN
            RAISE EXCEPTION 'function % has more than one statement', f.proname;
        END IF;
        IF f.proargmodes IS NOT NULL AND 't' = ANY (f.proargmodes) THEN
            SELECT string_agg(format('q.c%s::%s', k.n, format_type(t, NULL)), ', ' ORDER BY k.n), count(*)
            INTO cols, n
            FROM unnest(f.proallargtypes, f.proargmodes) WITH ORDINALITY AS a(t, m, i),
                 LATERAL (SELECT count(*) FROM unnest(f.proargmodes[1:a.i]) x WHERE x = 't') AS k(n)
            WHERE m = 't';
        ELSE
            SELECT string_agg(format('q.c%s::%s', attnum, format_type(atttypid, atttypmod)), ', ' ORDER BY attnum),
                   count(*)
            INTO cols, n
            FROM pg_attribute WHERE attrelid = (SELECT typrelid FROM pg_type WHERE oid = f.prorettype)
              AND attnum > 0 AND NOT attisdropped;
        END IF;
        EXECUTE format('CREATE OR REPLACE FUNCTION %I(%s) RETURNS %s LANGUAGE plpgsql %s AS %L', f.proname, f.args,
                       f.result, f.volatility,
                       E'#variable_conflict use_column\nBEGIN\nRETURN QUERY SELECT ' || cols || E' FROM (\n' || f.body
                       || E'\n) AS q(' || (SELECT string_agg('c' || i, ', ') FROM generate_series(1, n) i)
                       || E');\nEND');
    END LOOP;
END $$;
