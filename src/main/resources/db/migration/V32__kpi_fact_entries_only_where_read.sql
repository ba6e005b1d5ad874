-- Every kpi_fact row took an entry in four indexes, two of which nobody reads for most rows (issue 11: the kpi_fact
-- upsert is the largest statement of a shop file's store apply, 1,500,000 facts for 1,000,000 lines):
-- - kpi_fact_applied_idx served one query, the freshness gauge's max(applied_at); the hub now keeps that age itself
--   (KpiFreshness: when its last transaction that wrote facts committed). Without it, applied_at (set again by every
--   update) is no longer indexed, so a fact updated in place can stay on its page (HOT) instead of adding an entry to
--   every index.
-- - kpi_fact_customer_idx held an entry for every order line too, whose customer is null: a line is attributed by its
--   order (kpi_fact_order_idx), and every reader asks for a customer by equality, which a null never satisfies. Partial
--   now, as the complaint index (V13) and the order index (V7) are: the planner uses it for "customer_key = x" (an
--   equality implies the key is not null), with generic plans as well.
DROP INDEX kpi_fact_applied_idx;
DROP INDEX kpi_fact_customer_idx;
CREATE INDEX kpi_fact_customer_idx ON kpi_fact (customer_system, customer_entity, customer_key, occurred_on)
    WHERE customer_key IS NOT NULL;
