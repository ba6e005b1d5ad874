-- KPI facts: one row per applied order, payment and interaction (its current state), kept in the store's
-- apply transaction, keyed by source record and attributed to golden customers through identity_link when
-- indicators are computed (so merges and unmerges restate at once). See docs/kpis.md.
CREATE TABLE kpi_fact (
    source_system    TEXT        NOT NULL,
    source_entity    TEXT        NOT NULL,
    source_key       TEXT        NOT NULL,
    entity           TEXT        NOT NULL,   -- order | order_line | payment | interaction
    kind             TEXT        NOT NULL,   -- ORDER_WON | ORDER_OPEN | ORDER_CANCELLED | ORDER_LINE | PAYMENT | COMPLAINT | SERVICE_TICKET | SURVEY | CONTACT | VISIT | CONTRACT
    customer_system  TEXT,
    customer_entity  TEXT,
    customer_key     TEXT,
    order_entity     TEXT,                   -- an order line's order (same source system)
    order_key        TEXT,
    occurred_on      DATE        NOT NULL,   -- business date in the KPI zone
    occurred_at      TIMESTAMPTZ NOT NULL,   -- business time (an order's date at the start of its day)
    amount           NUMERIC,
    currency         TEXT,
    cost             NUMERIC,                -- an order line's quantity × unit cost, when the source knows it
    escalated_at     TIMESTAMPTZ,
    resolved_at      TIMESTAMPTZ,
    score            INTEGER,
    scale_max        INTEGER,
    snapshot         BOOLEAN     NOT NULL,   -- first seen by a snapshot/backfill (op READ)
    applied_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (source_system, source_entity, source_key)
);
CREATE INDEX kpi_fact_day_idx ON kpi_fact (occurred_on, kind);
CREATE INDEX kpi_fact_customer_idx ON kpi_fact (customer_system, customer_entity, customer_key);
CREATE INDEX kpi_fact_applied_idx ON kpi_fact (applied_at);
CREATE INDEX kpi_fact_order_idx ON kpi_fact (source_system, order_entity, order_key) WHERE order_key IS NOT NULL;

-- Lifecycle status changes of source customer records (lead → prospect → customer → churned). A status
-- first seen in a snapshot is a starting state (snapshot = true), not a change made at that time.
CREATE TABLE kpi_lifecycle (
    id               BIGSERIAL   PRIMARY KEY,
    source_system    TEXT        NOT NULL,
    source_entity    TEXT        NOT NULL,
    source_key       TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    previous_status  TEXT,
    changed_at       TIMESTAMPTZ NOT NULL,
    snapshot         BOOLEAN     NOT NULL
);
CREATE INDEX kpi_lifecycle_record_idx ON kpi_lifecycle (source_system, source_entity, source_key);
CREATE INDEX kpi_lifecycle_changed_idx ON kpi_lifecycle (changed_at) WHERE NOT snapshot;

-- Conversion rates to the base currency, written from hub.kpi.rates at start (configuration is the source).
CREATE TABLE kpi_currency_rate (
    currency         TEXT        PRIMARY KEY,
    rate             NUMERIC     NOT NULL CHECK (rate > 0)
);
