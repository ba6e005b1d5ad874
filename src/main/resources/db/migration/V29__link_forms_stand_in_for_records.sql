-- A link's normalised form now stands in for its record in the candidate search without the record being read
-- (IdentityBatchRepository.candidates): one primary-key lookup per candidate instead of two, the largest statement of
-- a backfill at a million records (docs/benchmarks.md). From this version on every change of a customer record
-- rewrites its link's form, with match_version = <normaliser fingerprint>:<source sequence>, in the same transaction,
-- or clears match_version (BatchResolver). Links written before may carry the form of an older version of their record
-- (a record resolved one by one, or changed while identity resolution was off): those forget it here, once, and their
-- record is read as before until the next change of the record writes a form again.
UPDATE identity_link l SET match_version = NULL
WHERE l.match_version IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM customer_record c
                  WHERE c.source_system = l.source_system AND c.source_entity = l.source_entity
                    AND c.source_key = l.source_key AND c.deleted_at IS NULL
                    AND l.match_version LIKE '%:' || c.source_sequence);
