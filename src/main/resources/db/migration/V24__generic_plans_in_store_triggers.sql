-- The store's triggers run their statements with generic plans. A plpgsql statement with parameters (arrays of a
-- batch's keys, golden customers and days) keeps a custom plan as long as its estimated cost beats the generic one,
-- and with arrays it always does: the planner knows their length only when it plans for them. So every statement
-- of the restatement at commit was planned again at every call: kpi_restate took 6.2 ms a call against 0.7 ms with
-- generic plans, the helpers kpi_golden_days_of/_at 0.8-1.0 ms against 0.1 ms, identity_key_count_add 89 against
-- 24 µs (1,000-call loops on the embedded PostgreSQL 17, docs/benchmarks.md). Every lookup in these statements is
-- already written to go through an index one row at a time (LATERAL … OFFSET 0), so a generic plan is the plan the
-- custom one was anyway, without the planning.
--
-- Set on the entry points only: the setting holds for everything they call (kpi_restate, its helpers, kpi_resolve,
-- identity_key_count_add from the key triggers). kpi_rebuild keeps the default: it restates whole chunks of 20,000
-- golden customers, where planning for the actual arrays costs nothing against the work.
--
-- CREATE OR REPLACE FUNCTION drops a function's SET clauses: a migration that redefines one of these repeats the
-- clause (KpiRestateRaceIT checks every trigger function of the store).
ALTER FUNCTION kpi_restate_dirty() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION kpi_fact_changed() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION kpi_lifecycle_changed() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION kpi_link_changed() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION identity_key_inserted() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION identity_key_deleted() SET plan_cache_mode = force_generic_plan;
-- the fold is called by the hub itself (IdentityKeyCounts.fold, every second); the add, called by the key triggers
-- above, keeps generic plans for any other caller too
ALTER FUNCTION identity_key_count_fold() SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION identity_key_count_add(TEXT[], BIGINT[]) SET plan_cache_mode = force_generic_plan;
