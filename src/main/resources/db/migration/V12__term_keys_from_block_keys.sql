-- Term frequencies of phones, non-role e-mails and addresses with a road are read from their block keys
-- (identity_key 'phone:…', 'email:…', 'address:…' count the same records): their 'tf:' twins are dropped, about
-- half of the keys written per record (issue 11). identity_key_count follows through its delete trigger.
-- Keys are opaque strings compared only for equality and order in indexes: byte order ("C") spares every index
-- comparison the locale's collation rules (keys hold Chinese names and addresses).
ALTER TABLE identity_key ALTER COLUMN key TYPE TEXT COLLATE "C";
ALTER TABLE identity_key_count ALTER COLUMN key TYPE TEXT COLLATE "C";

DELETE FROM identity_key t
WHERE t.key LIKE 'tf:PHONE:%'
   OR (t.key LIKE 'tf:EMAIL:%' AND EXISTS (SELECT 1 FROM identity_key b
        WHERE b.key = 'email:' || substr(t.key, 10) AND b.source_system = t.source_system
          AND b.source_entity = t.source_entity AND b.source_key = t.source_key))
   OR (t.key LIKE 'tf:ADDRESS:%' AND EXISTS (SELECT 1 FROM identity_key b
        WHERE b.key = 'address:' || substr(t.key, 12) AND b.source_system = t.source_system
          AND b.source_entity = t.source_entity AND b.source_key = t.source_key));

DELETE FROM identity_key_count WHERE records = 0;
