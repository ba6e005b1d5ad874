-- Backfill runs (issue 7 item 4): one row per run of one source entity and range, with its resume point.
-- A run is resumed (same snapshot sequence, same event ids) until it completes; see docs/backfill.md.
CREATE TABLE backfill_run (
    id              BIGSERIAL   PRIMARY KEY,
    source_system   TEXT        NOT NULL,
    source_entity   TEXT        NOT NULL,
    range_from      TEXT,
    range_to        TEXT,
    status          TEXT        NOT NULL DEFAULT 'RUNNING',   -- RUNNING, COMPLETED, FAILED
    sequence        BIGINT      NOT NULL,                     -- source sequence every record of the run carries
    position        TEXT        NOT NULL,                     -- source position every record of the run carries
    total           BIGINT,                                   -- records in range at the last snapshot
    cursor          TEXT,                                     -- last key applied and checkpointed
    pages           INTEGER     NOT NULL DEFAULT 0,
    processed       BIGINT      NOT NULL DEFAULT 0,
    applied         BIGINT      NOT NULL DEFAULT 0,
    stale           BIGINT      NOT NULL DEFAULT 0,
    duplicate       BIGINT      NOT NULL DEFAULT 0,
    dead_lettered   BIGINT      NOT NULL DEFAULT 0,
    attempts        INTEGER     NOT NULL DEFAULT 1,
    started_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    finished_at     TIMESTAMPTZ,
    report          JSONB
);
CREATE INDEX backfill_run_open_idx ON backfill_run (source_system, source_entity, status);

-- Every checkpoint, written after its page was applied: the history behind backfill_run.cursor.
CREATE TABLE backfill_checkpoint (
    run_id          BIGINT      NOT NULL REFERENCES backfill_run (id),
    page            INTEGER     NOT NULL,
    cursor          TEXT        NOT NULL,
    records         INTEGER     NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (run_id, page)
);

-- Dead-letter replay (issue 7 item 5): NEW → REPLAYED, or FAILED_AGAIN with the new reason; never a new row.
ALTER TABLE dead_letter
    ADD COLUMN attempts         INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN last_attempt_at  TIMESTAMPTZ,
    ADD COLUMN last_reason      TEXT,
    ADD COLUMN replay_outcome   TEXT,
    ADD COLUMN mapping_version  TEXT;
CREATE INDEX dead_letter_status_idx ON dead_letter (status, created_at);
