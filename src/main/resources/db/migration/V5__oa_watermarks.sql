-- How far the hub has read each OA entity: the last change of the last fully published page.
-- Advanced only after a whole page reached Kafka, so a restart re-reads a page but never skips one.
CREATE TABLE oa_watermark (
    entity       TEXT        PRIMARY KEY,
    modified_at  TIMESTAMPTZ NOT NULL,
    last_id      TEXT        NOT NULL,
    pages        BIGINT      NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
