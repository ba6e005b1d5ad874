-- The identity documents that are written on every decision and only ever read back whole become json instead of
-- jsonb (issues 11 and 12): a golden customer's provenance (written at every insert and update of the golden row),
-- a link's explanation and normalised form, a review's explanation, a decision's details. PostgreSQL parses a jsonb
-- value into its binary form at every write; json is checked and kept as text. Measured on PostgreSQL 17 (docs/
-- benchmarks.md, 2026-12-05 night): 100,000 rows with a link's two documents (~750 bytes) 2.7–3.6 s as jsonb against
-- 1.0 s as json, 50,000 provenance documents (~2 KB) 2.0 s against 0.7–0.85 s; reading them out as text costs the
-- same. Nothing queries inside these documents with jsonb operators (containment, jsonb_* functions) or compares
-- them; -> and ->> work on json as on jsonb. golden_customer.record and the records' payloads stay jsonb: partner
-- search indexes and queries them.
--
-- Rewrites the four tables (and rebuilds their indexes) once, under an exclusive lock: on a large store, run the
-- upgrade in a maintenance window (docs/operations.md).
ALTER TABLE golden_customer ALTER COLUMN provenance TYPE json USING provenance::json;
ALTER TABLE identity_link ALTER COLUMN explanation TYPE json USING explanation::json,
                          ALTER COLUMN normalized TYPE json USING normalized::json;
ALTER TABLE identity_review ALTER COLUMN explanation TYPE json USING explanation::json;
ALTER TABLE identity_decision ALTER COLUMN details TYPE json USING details::json;
