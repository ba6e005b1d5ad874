-- CRM store, first version: one row per source record (golden records come with identity resolution).
-- Every record table keeps the canonical payload as JSONB and derives typed columns from it, so the
-- apply path is the same for every entity and queries still get real types.

-- ISO-8601 text to date/timestamptz. Declared IMMUTABLE because the input always carries its own
-- format and offset (the canonical dialect), which is what makes the cast independent of session settings.
CREATE FUNCTION crm_iso_date(t TEXT) RETURNS DATE LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_date(t, 'YYYY-MM-DD') $$;
CREATE FUNCTION crm_iso_ts(t TEXT) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT t::timestamptz $$;

CREATE TABLE customer_record (
    source_system     TEXT        NOT NULL,
    source_entity     TEXT        NOT NULL,
    source_key        TEXT        NOT NULL,
    payload           JSONB,       -- canonical payload; NULL only for a delete of a record never seen
    source_position   TEXT        NOT NULL,
    source_sequence   BIGINT      NOT NULL,
    mapping_version   TEXT,
    last_event_id     UUID        NOT NULL,
    last_op           TEXT        NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    first_applied_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    applied_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    deleted_at        TIMESTAMPTZ,
    deleted_position  TEXT,
    number            TEXT        GENERATED ALWAYS AS (payload->>'number') STORED,
    kind              TEXT        GENERATED ALWAYS AS (payload->>'kind') STORED,
    name              TEXT        GENERATED ALWAYS AS (payload->>'name') STORED,
    tax_id            TEXT        GENERATED ALWAYS AS (payload->>'taxId') STORED,
    lifecycle_status  TEXT        GENERATED ALWAYS AS (payload->>'lifecycleStatus') STORED,
    PRIMARY KEY (source_system, source_entity, source_key)
);

CREATE TABLE order_record (
    source_system     TEXT        NOT NULL,
    source_entity     TEXT        NOT NULL,
    source_key        TEXT        NOT NULL,
    payload           JSONB,       -- canonical payload; NULL only for a delete of a record never seen
    source_position   TEXT        NOT NULL,
    source_sequence   BIGINT      NOT NULL,
    mapping_version   TEXT,
    last_event_id     UUID        NOT NULL,
    last_op           TEXT        NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    first_applied_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    applied_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    deleted_at        TIMESTAMPTZ,
    deleted_position  TEXT,
    order_number      TEXT        GENERATED ALWAYS AS (payload->>'orderNumber') STORED,
    customer_key      TEXT        GENERATED ALWAYS AS (payload->'customer'->>'key') STORED,
    order_date        DATE        GENERATED ALWAYS AS (crm_iso_date(payload->>'orderDate')) STORED,
    status            TEXT        GENERATED ALWAYS AS (payload->>'status') STORED,
    currency          TEXT        GENERATED ALWAYS AS (payload->>'currency') STORED,
    total_amount      NUMERIC     GENERATED ALWAYS AS ((payload->>'totalAmount')::numeric) STORED,
    PRIMARY KEY (source_system, source_entity, source_key)
);

CREATE TABLE order_line_record (
    source_system     TEXT        NOT NULL,
    source_entity     TEXT        NOT NULL,
    source_key        TEXT        NOT NULL,
    payload           JSONB,       -- canonical payload; NULL only for a delete of a record never seen
    source_position   TEXT        NOT NULL,
    source_sequence   BIGINT      NOT NULL,
    mapping_version   TEXT,
    last_event_id     UUID        NOT NULL,
    last_op           TEXT        NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    first_applied_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    applied_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    deleted_at        TIMESTAMPTZ,
    deleted_position  TEXT,
    order_key         TEXT        GENERATED ALWAYS AS (payload->'order'->>'key') STORED,
    line_number       INTEGER     GENERATED ALWAYS AS ((payload->>'lineNumber')::integer) STORED,
    sku               TEXT        GENERATED ALWAYS AS (payload->>'sku') STORED,
    quantity          NUMERIC     GENERATED ALWAYS AS ((payload->>'quantity')::numeric) STORED,
    amount            NUMERIC     GENERATED ALWAYS AS ((payload->>'amount')::numeric) STORED,
    PRIMARY KEY (source_system, source_entity, source_key)
);

CREATE TABLE payment_record (
    source_system     TEXT        NOT NULL,
    source_entity     TEXT        NOT NULL,
    source_key        TEXT        NOT NULL,
    payload           JSONB,       -- canonical payload; NULL only for a delete of a record never seen
    source_position   TEXT        NOT NULL,
    source_sequence   BIGINT      NOT NULL,
    mapping_version   TEXT,
    last_event_id     UUID        NOT NULL,
    last_op           TEXT        NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    first_applied_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    applied_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    deleted_at        TIMESTAMPTZ,
    deleted_position  TEXT,
    receipt_number    TEXT        GENERATED ALWAYS AS (payload->>'receiptNumber') STORED,
    order_key         TEXT        GENERATED ALWAYS AS (payload->'order'->>'key') STORED,
    customer_key      TEXT        GENERATED ALWAYS AS (payload->'customer'->>'key') STORED,
    amount            NUMERIC     GENERATED ALWAYS AS ((payload->>'amount')::numeric) STORED,
    currency          TEXT        GENERATED ALWAYS AS (payload->>'currency') STORED,
    paid_at           TIMESTAMPTZ GENERATED ALWAYS AS (crm_iso_ts(payload->>'paidAt')) STORED,
    method            TEXT        GENERATED ALWAYS AS (payload->>'method') STORED,
    PRIMARY KEY (source_system, source_entity, source_key)
);

CREATE INDEX order_record_customer_idx ON order_record (source_system, customer_key);
CREATE INDEX order_line_record_order_idx ON order_line_record (source_system, order_key);
CREATE INDEX payment_record_customer_idx ON payment_record (source_system, customer_key);

-- Every change the store applied, once. Proves exactly-once effect and feeds provenance and replay.
CREATE TABLE change_log (
    event_id         UUID        PRIMARY KEY,
    entity           TEXT        NOT NULL,
    op               TEXT        NOT NULL,
    source_system    TEXT        NOT NULL,
    source_entity    TEXT        NOT NULL,
    source_key       TEXT        NOT NULL,
    source_position  TEXT        NOT NULL,
    source_sequence  BIGINT      NOT NULL,
    mapping_version  TEXT,
    occurred_at      TIMESTAMPTZ NOT NULL,
    ingested_at      TIMESTAMPTZ NOT NULL,
    applied_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX change_log_source_idx ON change_log (source_system, source_entity, source_key);

-- Records the hub could not map or apply: the reason, the raw record and where it came from.
CREATE TABLE dead_letter (
    id               BIGSERIAL   PRIMARY KEY,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    route_id         TEXT        NOT NULL,
    source_system    TEXT,
    source_entity    TEXT,
    source_key       TEXT,
    source_position  TEXT,
    field            TEXT,
    reason           TEXT        NOT NULL,
    error_class      TEXT        NOT NULL,
    raw_record       TEXT,
    status           TEXT        NOT NULL DEFAULT 'NEW'
);
CREATE INDEX dead_letter_source_idx ON dead_letter (source_system, source_entity, created_at);
