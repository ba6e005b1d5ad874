-- How many linked records carry each identity key (issue 11, "hot keys cost nothing extra"). Resolution reads
-- a key's block size and term frequency here, one indexed row per key, instead of counting identity_key entries
-- (an office-tower address carried by 29,000 records cost 29,000 index entries on every change). Kept exact by
-- statement triggers on identity_key, in the writer's transaction, whoever the writer is (resolution, unmerge,
-- re-evaluation, an operator's cleanup); one aggregated upsert per statement, not one per row.
CREATE TABLE identity_key_count (
    key     TEXT    PRIMARY KEY,
    records BIGINT  NOT NULL
);

INSERT INTO identity_key_count (key, records)
SELECT key, count(*) FROM identity_key GROUP BY key;

CREATE FUNCTION identity_key_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO identity_key_count AS c (key, records)
    SELECT key, count(*) FROM new_keys GROUP BY key ORDER BY key
    ON CONFLICT (key) DO UPDATE SET records = c.records + EXCLUDED.records;
    RETURN NULL;
END $$;

CREATE FUNCTION identity_key_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE identity_key_count c SET records = c.records - d.n
    FROM (SELECT key, count(*) AS n FROM old_keys GROUP BY key) d
    WHERE c.key = d.key;
    RETURN NULL;
END $$;

CREATE TRIGGER identity_key_counted_insert AFTER INSERT ON identity_key
    REFERENCING NEW TABLE AS new_keys FOR EACH STATEMENT EXECUTE FUNCTION identity_key_inserted();
CREATE TRIGGER identity_key_counted_delete AFTER DELETE ON identity_key
    REFERENCING OLD TABLE AS old_keys FOR EACH STATEMENT EXECUTE FUNCTION identity_key_deleted();
