-- Hot keys no longer queue concurrent writers (issue 11, "more than one machine"). A count row updated in place is
-- locked until its transaction commits, and every batch carries a hot key (an office-tower address, one of the
-- common names): two store consumers or two pods took turns on those rows for the whole of each other's batch.
-- A key becomes hot once more than 100 records carry it (the packaged max-block-size: a block that size is never
-- searched), and stays hot: from then on writers append their difference to identity_key_count_delta, which nobody
-- updates in place. Other keys are still updated in place (two concurrent batches rarely share one). Readers add the
-- differences of hot keys only (identity_key_records: exact, since differences exist only for keys marked hot);
-- IdentityKeyCounts.fold moves committed differences into identity_key_count every second, in short transactions of
-- its own.
ALTER TABLE identity_key_count ADD COLUMN hot BOOLEAN NOT NULL DEFAULT false;
UPDATE identity_key_count SET hot = true WHERE records > 100;

CREATE TABLE identity_key_count_delta (
    key     TEXT COLLATE "C" NOT NULL,
    records BIGINT           NOT NULL
);
CREATE INDEX identity_key_count_delta_key_idx ON identity_key_count_delta (key);

-- Adds each key's difference where it belongs, for inserts and deletes alike: appended for a hot key, in place for the
-- others (one probe per key decides; the in-place upsert marks a key hot as it passes 100). A negative difference
-- for a key without a count row changes nothing, as an UPDATE would.
CREATE FUNCTION identity_key_count_add(keys TEXT[], diffs BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH h AS (
        SELECT d.key, d.records, c.hot IS TRUE AS hot, c.hot IS NOT NULL AS counted
        FROM unnest(keys, diffs) AS d(key, records)
        LEFT JOIN LATERAL (SELECT c.hot FROM identity_key_count c WHERE c.key = d.key OFFSET 0) c ON true
    ), appended AS (
        INSERT INTO identity_key_count_delta (key, records) SELECT key, records FROM h WHERE hot
    )
    INSERT INTO identity_key_count AS c (key, records, hot)
    SELECT key, records, records > 100 FROM h WHERE NOT hot AND (records > 0 OR counted) ORDER BY key
    ON CONFLICT (key) DO UPDATE SET records = c.records + EXCLUDED.records,
                                    hot = c.hot OR c.records + EXCLUDED.records > 100;
END $$;

CREATE OR REPLACE FUNCTION identity_key_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM identity_key_count_add(array_agg(key), array_agg(n))
    FROM (SELECT key, count(*) AS n FROM new_keys GROUP BY key) k;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION identity_key_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM identity_key_count_add(array_agg(key), array_agg(-n))
    FROM (SELECT key, count(*) AS n FROM old_keys GROUP BY key) k;
    RETURN NULL;
END $$;

-- How many linked records carry the key, exactly: its count row, plus the differences not folded yet if it is hot.
-- A scalar SQL function, inlined into the caller's query: one index probe per key, two for a hot one.
CREATE FUNCTION identity_key_records(k TEXT) RETURNS BIGINT LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT c.records + CASE WHEN c.hot THEN coalesce((SELECT sum(d.records)
                                          FROM identity_key_count_delta d WHERE d.key = c.key), 0) ELSE 0 END
                     FROM identity_key_count c WHERE c.key = k), 0)
$$;

-- Moves the committed differences into identity_key_count (rows appended by transactions still open are not seen,
-- and stay for the next fold; two folds at once each move only the rows they deleted). Returns the rows moved.
CREATE FUNCTION identity_key_count_fold() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    moved BIGINT;
BEGIN
    WITH gone AS (DELETE FROM identity_key_count_delta RETURNING key, records),
    summed AS (SELECT key, sum(records) AS records, count(*) AS n FROM gone GROUP BY key),
    folded AS (
        INSERT INTO identity_key_count AS c (key, records)
        SELECT key, records FROM summed ORDER BY key
        ON CONFLICT (key) DO UPDATE SET records = c.records + EXCLUDED.records
    )
    SELECT coalesce(sum(n), 0) INTO moved FROM summed;
    RETURN moved;
END $$;
