-- New identity links mark the KPI records per statement instead of per row (issue 12). The row trigger of V13 was
-- written when the identity batch wrote one link per statement; it now writes a batch's links in one statement
-- (IdentityBatchRepository.upsertLinks), and each new row still ran a plpgsql call, kpi_schedule and a one-row INSERT
-- into kpi_dirty: a thousand of each per store batch of a backfill. The marks are the same rows as before: 'r' for
-- every record linked (its golden customer is resolved at commit).
--
-- Moves and deletes keep V13's row triggers: a trigger that collects transition tables cannot name columns (UPDATE
-- OF golden_id) nor have a WHEN clause, so a statement-level UPDATE trigger ran for every update of identity_link
-- (forms refreshed, rules versions, repoints), ~1 ms a statement for its join of old and new rows, while the row
-- trigger's WHEN clause skips a re-resolution that keeps the golden customer without calling anything. Measured both
-- ways side by side (docs/benchmarks.md, 2026-12-05 evening).
DROP TRIGGER kpi_link_inserted ON identity_link;

CREATE FUNCTION kpi_links_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    marked BIGINT := 0;
BEGIN
    INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
    SELECT source_system, source_entity, source_key, 'r' FROM new_links;
    GET DIAGNOSTICS marked = ROW_COUNT;
    IF marked > 0 THEN
        PERFORM kpi_schedule();
    END IF;
    RETURN NULL;
END $$;
-- as every trigger function of the store (V24)
ALTER FUNCTION kpi_links_inserted() SET plan_cache_mode = force_generic_plan;

CREATE TRIGGER kpi_links_inserted AFTER INSERT ON identity_link
    REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION kpi_links_inserted();
