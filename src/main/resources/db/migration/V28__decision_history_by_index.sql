-- A golden customer's decision history ("/identity/golden/{id}/explain", IdentityQueries.history) asks for the
-- decisions where it is either side: "golden_id = x OR other_golden_id = x". With an index on golden_id only, an OR
-- with an unindexed column cannot be answered from indexes, so every explain read the whole decision table: about two
-- rows per resolved record, kept for ever (200 ms at 1,000,000 decisions in the lab, 0.3 ms with this index). Only
-- merges, unmerges, relinks and capped merges name another golden customer, so the index is partial and costs the
-- write path nothing for the links, creations and reviews that make up nearly every decision.
CREATE INDEX identity_decision_other_golden_idx ON identity_decision (other_golden_id)
    WHERE other_golden_id IS NOT NULL;

-- Nothing has read kpi_fact by day since the indicators moved to aggregates (V13): every reader goes by customer, by
-- order or by the fact's own key. The index still took an entry for every fact written (1,500,000 for a shop export
-- of 1,000,000 lines).
DROP INDEX kpi_fact_day_idx;
