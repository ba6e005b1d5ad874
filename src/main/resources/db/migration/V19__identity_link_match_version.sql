-- identity_link.normalized is what matching saw of a record when it was linked. Batch resolution now keeps it
-- current for every record it resolves and says which version it is: "<normaliser fingerprint>:<source sequence>".
-- A stored candidate whose form matches its record's sequence and the running normaliser is compared from this
-- form, without reading, parsing and normalising its payload again. NULL (links written elsewhere, older rows): the
-- payload is normalised as before.
ALTER TABLE identity_link ADD COLUMN match_version TEXT;
