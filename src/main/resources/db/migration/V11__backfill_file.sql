-- Backfill from an export file (issue 12): the file is part of a run's identity (the same command resumes the run
-- of the same file), its SHA-256 is kept so that a resume over changed content is refused, and the lines the file
-- source rejected into its rejects file are counted with the run.
ALTER TABLE backfill_run
    ADD COLUMN source_file  TEXT,
    ADD COLUMN fingerprint  TEXT,
    ADD COLUMN rejected     BIGINT NOT NULL DEFAULT 0;
