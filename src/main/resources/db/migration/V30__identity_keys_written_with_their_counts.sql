-- The batch path writes a batch's identity keys and their counts in one call, and gets the counts back (issue 11).
-- Before, the key triggers (V10, V21) kept identity_key_count: per statement a transition table of every written
-- key, grouped by key, handed to identity_key_count_add (a probe of each count row, then the upsert); and the batch
-- then read the same count rows again in a statement of its own (IdentityRepository.keyCounts). The key write and
-- that read were the largest pair of statements of the store apply (a quarter of the database time of a backfill and
-- of a paced CDC minute, docs/benchmarks.md). identity_keys_replace takes the differences the caller already
-- computed (the keys a record gains and loses), does the same upkeep as identity_key_count_add once per key, and
-- returns the counts of the keys it changed from the upsert itself; only the batch's unchanged keys are read.
--
-- The triggers stay, for every other writer (one-by-one resolution, re-evaluation, an operator's DELETE): they step
-- aside only while identity_keys_replace writes, through a transaction-local setting it sets and clears around its
-- own two statements (an AFTER … FOR EACH STATEMENT trigger fires at the end of each statement, inside the call).
CREATE OR REPLACE FUNCTION identity_key_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('hub.key_counts_by_writer', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM identity_key_count_add(array_agg(key), array_agg(n))
    FROM (SELECT key, count(*) AS n FROM new_keys GROUP BY key) k;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION identity_key_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('hub.key_counts_by_writer', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM identity_key_count_add(array_agg(key), array_agg(-n))
    FROM (SELECT key, count(*) AS n FROM old_keys GROUP BY key) k;
    RETURN NULL;
END $$;

-- CREATE OR REPLACE dropped their SET clause (V24)
ALTER FUNCTION identity_key_inserted() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION identity_key_deleted() SET plan_cache_mode = force_generic_plan;

-- Removes the rows gone_*, inserts the rows new_*, applies each key's difference diff_n (the caller's sum of both:
-- one entry per key, in key order, no zero) as identity_key_count_add does, and returns how many records carry each
-- key it changed and each key of also (keys not changed: the caller's other keys), with the differences of hot keys
-- not folded yet (as identity_key_records). A key without a count row and no records is not returned (count 0).
CREATE FUNCTION identity_keys_replace(gone_key TEXT[], gone_s TEXT[], gone_e TEXT[], gone_k TEXT[],
                                      new_key TEXT[], new_s TEXT[], new_e TEXT[], new_k TEXT[],
                                      diff_key TEXT[], diff_n BIGINT[], also TEXT[])
    RETURNS TABLE (key TEXT, records BIGINT) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('hub.key_counts_by_writer', 'on', true);
    IF cardinality(gone_key) > 0 THEN
        -- one primary-key lookup per row, whatever the plan would make of the array
        DELETE FROM identity_key WHERE ctid = ANY (ARRAY(
            SELECT i.ctid FROM unnest(gone_key, gone_s, gone_e, gone_k) AS r(key, s, e, k)
            CROSS JOIN LATERAL (SELECT i.ctid FROM identity_key i WHERE i.key = r.key AND i.source_system = r.s
                                  AND i.source_entity = r.e AND i.source_key = r.k OFFSET 0) i));
    END IF;
    IF cardinality(new_key) > 0 THEN
        INSERT INTO identity_key (key, source_system, source_entity, source_key)
        SELECT * FROM unnest(new_key, new_s, new_e, new_k);
    END IF;
    PERFORM set_config('hub.key_counts_by_writer', 'off', true);
    RETURN QUERY
    WITH h AS (
        SELECT d.key, d.n, c.hot IS TRUE AS hot, c.hot IS NOT NULL AS counted, c.records AS before
        FROM unnest(diff_key, diff_n) AS d(key, n)
        LEFT JOIN LATERAL (SELECT c.hot, c.records FROM identity_key_count c WHERE c.key = d.key OFFSET 0) c ON true
    ), appended AS (
        INSERT INTO identity_key_count_delta (key, records) SELECT h.key, h.n FROM h WHERE h.hot
    ), upserted AS (
        INSERT INTO identity_key_count AS c (key, records, hot)
        SELECT h.key, h.n, h.n > 100 FROM h WHERE NOT h.hot AND (h.n > 0 OR h.counted) ORDER BY h.key
        ON CONFLICT ON CONSTRAINT identity_key_count_pkey DO UPDATE
            SET records = c.records + EXCLUDED.records, hot = c.hot OR c.records + EXCLUDED.records > 100
        RETURNING c.key, c.records
    )
    SELECT u.key, u.records FROM upserted u
    UNION ALL
    -- a hot key: its row, the differences committed or written before in this transaction, and this one (appended
    -- by this statement, so not visible to it)
    SELECT h.key, h.before + h.n + CAST(coalesce((SELECT sum(x.records) FROM identity_key_count_delta x
                                                 WHERE x.key = h.key), 0) AS bigint)
    FROM h WHERE h.hot
    UNION ALL
    SELECT q.key, c.records + CASE WHEN c.hot THEN CAST(coalesce((SELECT sum(x.records)
                                        FROM identity_key_count_delta x WHERE x.key = q.key), 0) AS bigint) ELSE 0 END
    FROM unnest(also) AS q(key)
    CROSS JOIN LATERAL (SELECT c.records, c.hot FROM identity_key_count c WHERE c.key = q.key OFFSET 0) c;
END $$;

-- generic plans, as the triggers' (V24): every lookup above goes through an index one row at a time
ALTER FUNCTION identity_keys_replace(TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], BIGINT[],
    TEXT[]) SET plan_cache_mode = force_generic_plan;
