-- Index entries only where read, as V32 did for kpi_fact, now for the tables every change writes (issue 11: on a
-- shop export of 1,000,000 lines the change_log, order line and order inserts were 47.6 s of the store's 107 s of
-- database time, docs/benchmarks-shop.md). Each index below took an entry per row written and no query of the hub
-- reads through it (checked against every statement of src/main, the SQL functions of the migrations and the
-- partner API; tests that count rows by source scan their small tables either way):
-- - change_log_source_idx: change_log is read by event id only (the duplicate check, StoredRecords.applied), the
--   primary key; one entry fewer for every change of every source.
-- - order_line_record_order_idx: an order line is reached by its own key; the KPI facts attribute a line to its order
--   through kpi_fact_order_idx, not through this table.
-- - order_record_number_idx and shipment_record_order_idx: the order number is a generated column nobody queries;
--   the columns stay (an operator's query by order number still works, by a scan, or by an index made for it with
--   CREATE INDEX CONCURRENTLY, docs/operations.md).
-- - kpi_lifecycle_changed_idx: lifecycle rows are read by record (kpi_lifecycle_record_idx); the KPI aggregates
--   (V13) replaced the queries over a range of changed_at. One entry fewer for every live customer change.
DROP INDEX IF EXISTS change_log_source_idx;
DROP INDEX IF EXISTS order_line_record_order_idx;
DROP INDEX IF EXISTS order_record_number_idx;
DROP INDEX IF EXISTS shipment_record_order_idx;
DROP INDEX IF EXISTS kpi_lifecycle_changed_idx;
