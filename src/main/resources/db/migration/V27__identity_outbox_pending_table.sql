-- The identity outbox's pending decisions are a narrow table of ids, not a flag on the decision (issues 11 and 12).
-- Marking a decision published updated its row: never a HOT update, since published_at was in the pending index's
-- predicate, so every mark wrote a whole new version of a ~0.5 KB row and new entries in its two indexes, and left a
-- dead version behind for vacuum (a backfill of 100,000 customers marked 196,000 decisions this way: 2.5 s of its
-- 38 s of database time, and the read of pending decisions another 0.8 s). Now a decision is pending while its id
-- is in identity_decision_pending; the publisher deletes the ids Kafka acknowledged. The table holds only the
-- backlog (empty when the publisher keeps up), so reading the next round stays one short index scan.
-- Kept by a statement trigger whoever inserts a decision (resolution, unmerge, review answers, an operator).
CREATE TABLE identity_decision_pending (
    id BIGINT PRIMARY KEY
);

INSERT INTO identity_decision_pending (id) SELECT id FROM identity_decision WHERE published_at IS NULL;

DROP INDEX identity_decision_unpublished_idx;
ALTER TABLE identity_decision DROP COLUMN published_at;

CREATE FUNCTION identity_decision_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO identity_decision_pending (id) SELECT id FROM new_decisions;
    RETURN NULL;
END $$;
ALTER FUNCTION identity_decision_inserted() SET plan_cache_mode = force_generic_plan;

CREATE TRIGGER identity_decision_pending_insert AFTER INSERT ON identity_decision
    REFERENCING NEW TABLE AS new_decisions FOR EACH STATEMENT EXECUTE FUNCTION identity_decision_inserted();
