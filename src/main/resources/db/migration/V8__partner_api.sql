-- Partner API: the version of every customer record a partner wrote (the ETag partners send back in If-Match,
-- and the source sequence of the change, so the store applies a partner's writes in the order it accepted
-- them), and indexes for searching golden customers by name (trigram similarity), phone, email and tax id.

CREATE TABLE partner_customer (
    partner_id   TEXT        NOT NULL,   -- source system partner:<partner_id>
    partner_key  TEXT        NOT NULL,   -- the partner's own key of the customer (source key)
    version      BIGINT      NOT NULL,   -- grows by one with every accepted write; the event's source sequence
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (partner_id, partner_key)
);

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Trigrams of Chinese
-- names need a database LC_CTYPE other than C (e.g. C.UTF-8, zh_CN.UTF-8); under C the name search still
-- finds substrings, without the index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX golden_customer_name_trgm_idx ON golden_customer USING gin (name gin_trgm_ops) WHERE status = 'ACTIVE';
CREATE INDEX golden_customer_phones_idx ON golden_customer USING gin ((record->'phones') jsonb_path_ops)
    WHERE status = 'ACTIVE';
CREATE INDEX golden_customer_emails_idx ON golden_customer USING gin ((record->'emails')) WHERE status = 'ACTIVE';
CREATE INDEX golden_customer_tax_id_idx ON golden_customer (tax_id) WHERE status = 'ACTIVE';
