-- Shop export files the hub has read, by content: the same file dropped twice (under any name) is
-- ingested once. A file is claimed (PROCESSING) before its rows are read and marked DONE after the last
-- row was handed on; a file interrupted mid-way stays PROCESSING and is read again when re-dropped
-- (harmless: the store ignores changes it already holds).
CREATE TABLE shop_file (
    sha256         CHAR(64)    PRIMARY KEY,
    file_name      TEXT        NOT NULL,
    kind           TEXT        NOT NULL,
    size_bytes     BIGINT      NOT NULL,
    encoding       TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('PROCESSING', 'DONE')),
    rows_accepted  BIGINT,
    rows_rejected  BIGINT,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    completed_at   TIMESTAMPTZ
);
