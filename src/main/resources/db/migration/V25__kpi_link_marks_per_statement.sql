-- identity_link's KPI marks per statement instead of per row (issue 12). The row triggers of V13 were written when the
-- identity batch wrote one link per statement; it now writes a batch's links in one statement
-- (IdentityBatchRepository.upsertLinks), and each of its rows still ran a plpgsql call, kpi_schedule and a one-row
-- INSERT into kpi_dirty: a thousand of each per store batch of a backfill. The marks are the same rows as before:
-- 'r' for every record linked or moved (its golden customer is resolved at commit), 'm' with the former golden
-- customer for every record moved away or unlinked.
--
-- A trigger that collects transition tables cannot name columns (UPDATE OF golden_id), so the UPDATE trigger runs for
-- every update of identity_link and keeps the rows whose golden customer changed, as the row trigger's WHEN clause
-- did. No statement changes a link's source columns (its primary key), so old and new rows pair up by them.
DROP TRIGGER kpi_link_inserted ON identity_link;
DROP TRIGGER kpi_link_moved ON identity_link;
DROP TRIGGER kpi_link_deleted ON identity_link;
DROP FUNCTION kpi_link_changed();

CREATE FUNCTION kpi_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    marked BIGINT := 0;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
        SELECT source_system, source_entity, source_key, 'r' FROM new_links;
        GET DIAGNOSTICS marked = ROW_COUNT;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO kpi_dirty (golden_id, source_system, source_entity, source_key, what)
        SELECT x.golden_id, o.source_system, o.source_entity, o.source_key, x.what
        FROM old_links o
        JOIN new_links n ON n.source_system = o.source_system AND n.source_entity = o.source_entity
                        AND n.source_key = o.source_key
        CROSS JOIN LATERAL (VALUES (o.golden_id, 'm'::"char"), (NULL::uuid, 'r'::"char")) AS x(golden_id, what)
        WHERE o.golden_id IS DISTINCT FROM n.golden_id;
        GET DIAGNOSTICS marked = ROW_COUNT;
    ELSE
        INSERT INTO kpi_dirty (golden_id, source_system, source_entity, source_key, what)
        SELECT golden_id, source_system, source_entity, source_key, 'm' FROM old_links;
        GET DIAGNOSTICS marked = ROW_COUNT;
    END IF;
    IF marked > 0 THEN
        PERFORM kpi_schedule();
    END IF;
    RETURN NULL;
END $$;
-- as every trigger function of the store (V24)
ALTER FUNCTION kpi_links_changed() SET plan_cache_mode = force_generic_plan;

CREATE TRIGGER kpi_links_inserted AFTER INSERT ON identity_link
    REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION kpi_links_changed();
CREATE TRIGGER kpi_links_updated AFTER UPDATE ON identity_link
    REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION kpi_links_changed();
CREATE TRIGGER kpi_links_deleted AFTER DELETE ON identity_link
    REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION kpi_links_changed();
