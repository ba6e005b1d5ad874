-- Interactions (OA: contacts, visits, contracts, complaints/tickets, surveys) and shipments (SCM),
-- same shape as the other record tables: canonical payload plus typed columns derived from it.
CREATE TABLE interaction_record (
    source_system     TEXT        NOT NULL,
    source_entity     TEXT        NOT NULL,
    source_key        TEXT        NOT NULL,
    payload           JSONB,
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
    data_issues       JSONB,
    reference         TEXT        GENERATED ALWAYS AS (payload->>'reference') STORED,
    customer_key      TEXT        GENERATED ALWAYS AS (payload->'customer'->>'key') STORED,
    kind              TEXT        GENERATED ALWAYS AS (payload->>'kind') STORED,
    status            TEXT        GENERATED ALWAYS AS (payload->>'status') STORED,
    opened_at         TIMESTAMPTZ GENERATED ALWAYS AS (crm_iso_ts(payload->>'openedAt')) STORED,
    escalated_at      TIMESTAMPTZ GENERATED ALWAYS AS (crm_iso_ts(payload->>'escalatedAt')) STORED,
    resolved_at       TIMESTAMPTZ GENERATED ALWAYS AS (crm_iso_ts(payload->>'resolvedAt')) STORED,
    score             INTEGER     GENERATED ALWAYS AS ((payload->>'score')::integer) STORED,
    scale_max         INTEGER     GENERATED ALWAYS AS ((payload->>'scaleMax')::integer) STORED,
    PRIMARY KEY (source_system, source_entity, source_key)
);
CREATE INDEX interaction_record_customer_idx ON interaction_record (source_system, customer_key);

CREATE TABLE shipment_record (
    source_system     TEXT        NOT NULL,
    source_entity     TEXT        NOT NULL,
    source_key        TEXT        NOT NULL,
    payload           JSONB,
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
    data_issues       JSONB,
    shipment_number   TEXT        GENERATED ALWAYS AS (payload->>'shipmentNumber') STORED,
    order_number      TEXT        GENERATED ALWAYS AS (payload->>'orderNumber') STORED,
    status            TEXT        GENERATED ALWAYS AS (payload->>'status') STORED,
    shipped_at        TIMESTAMPTZ GENERATED ALWAYS AS (crm_iso_ts(payload->>'shippedAt')) STORED,
    delivered_at      TIMESTAMPTZ GENERATED ALWAYS AS (crm_iso_ts(payload->>'deliveredAt')) STORED,
    PRIMARY KEY (source_system, source_entity, source_key)
);
-- shipments link to orders by business order number, whichever system the order came from
CREATE INDEX shipment_record_order_idx ON shipment_record (order_number);
CREATE INDEX order_record_number_idx ON order_record (order_number);
