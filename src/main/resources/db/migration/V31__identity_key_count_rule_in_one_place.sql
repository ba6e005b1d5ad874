-- The count rule of identity_key_count (which keys are hot, where a difference goes) lived in two functions:
-- identity_key_count_add (V21, called by the key triggers) and identity_keys_replace (V30, the batch path), which
-- restated it to get the counts back from its upsert. A change to the rule had to be made in both. Now
-- identity_key_count_add applies the differences and returns the count of each key it changed (the triggers' PERFORM
-- discards it), and identity_keys_replace calls it. Same statements as before for the batch path; the triggers' call
-- adds one probe of identity_key_count_delta per hot key of the statement (folded every second: a few rows).
DROP FUNCTION identity_key_count_add(TEXT[], BIGINT[]);

-- Adds each key's difference where it belongs, for inserts and deletes alike: appended for a hot key, in place for the
-- others (one probe per key decides; the in-place upsert marks a key hot as it passes 100). A negative difference
-- for a key without a count row changes nothing, as an UPDATE would. Returns how many records carry each key it
-- changed (a hot key: its row, the differences committed or written before in this transaction, and this one; a key
-- without a count row and no records is not returned).
CREATE FUNCTION identity_key_count_add(keys TEXT[], diffs BIGINT[])
    RETURNS TABLE (key TEXT, records BIGINT) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH h AS (
        SELECT d.key, d.n, c.hot IS TRUE AS hot, c.hot IS NOT NULL AS counted, c.records AS before
        FROM unnest(keys, diffs) AS d(key, n)
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
    -- the hot key's own difference is appended by this statement, so not visible to it
    SELECT h.key, h.before + h.n + CAST(coalesce((SELECT sum(x.records) FROM identity_key_count_delta x
                                                 WHERE x.key = h.key), 0) AS bigint)
    FROM h WHERE h.hot;
END $$;

-- Removes the rows gone_*, inserts the rows new_*, applies each key's difference diff_n (the caller's sum of both:
-- one entry per key, in key order, no zero) with identity_key_count_add, and returns how many records carry each key
-- it changed and each key of also (keys not changed: the caller's other keys), with the differences of hot keys not
-- folded yet (as identity_key_records). A key without a count row and no records is not returned (count 0).
CREATE OR REPLACE FUNCTION identity_keys_replace(gone_key TEXT[], gone_s TEXT[], gone_e TEXT[], gone_k TEXT[],
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
    IF cardinality(diff_key) > 0 THEN
        RETURN QUERY SELECT a.key, a.records FROM identity_key_count_add(diff_key, diff_n) a;
    END IF;
    RETURN QUERY
    SELECT q.key, c.records + CASE WHEN c.hot THEN CAST(coalesce((SELECT sum(x.records)
                                        FROM identity_key_count_delta x WHERE x.key = q.key), 0) AS bigint) ELSE 0 END
    FROM unnest(also) AS q(key)
    CROSS JOIN LATERAL (SELECT c.records, c.hot FROM identity_key_count c WHERE c.key = q.key OFFSET 0) c;
END $$;

-- generic plans, as before (V24, V30): DROP and CREATE OR REPLACE both lost the SET clause
ALTER FUNCTION identity_key_count_add(TEXT[], BIGINT[]) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION identity_keys_replace(TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], BIGINT[],
    TEXT[]) SET plan_cache_mode = force_generic_plan;
