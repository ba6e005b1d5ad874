-- Identity resolution: golden customers, the links from every source customer record to one of them,
-- the keys candidates are found by, review pairs, manual constraints, and the decision audit (also the
-- outbox the identity-events route publishes to Kafka).

-- One row per real customer. The id never changes; an absorbed golden keeps its row (status MERGED,
-- merged_into) so old ids held by partners still resolve.
CREATE TABLE golden_customer (
    golden_id      UUID        PRIMARY KEY,
    status         TEXT        NOT NULL DEFAULT 'ACTIVE',   -- ACTIVE | MERGED | INACTIVE (every source deleted)
    merged_into    UUID        REFERENCES golden_customer (golden_id),
    record         JSONB       NOT NULL,                    -- golden fields, canonical customer shape
    provenance     JSONB       NOT NULL,                    -- field path → {system, entity, key, position, mappingVersion, rule}
    member_count   INTEGER     NOT NULL,
    version        BIGINT      NOT NULL DEFAULT 1,          -- bumped on every change (ETag for partners)
    created_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    name           TEXT        GENERATED ALWAYS AS (record->>'name') STORED,
    kind           TEXT        GENERATED ALWAYS AS (record->>'kind') STORED,
    tax_id         TEXT        GENERATED ALWAYS AS (record->>'taxId') STORED,
    lifecycle_status TEXT      GENERATED ALWAYS AS (record->>'lifecycleStatus') STORED
);
-- the largest cluster is a metric: an index answers max(member_count) without a scan
CREATE INDEX golden_customer_size_idx ON golden_customer (member_count) WHERE status = 'ACTIVE';
CREATE INDEX golden_customer_merged_into_idx ON golden_customer (merged_into) WHERE merged_into IS NOT NULL;

-- Every source customer record belongs to exactly one golden customer.
CREATE TABLE identity_link (
    source_system   TEXT        NOT NULL,
    source_entity   TEXT        NOT NULL,
    source_key      TEXT        NOT NULL,
    golden_id       UUID        NOT NULL REFERENCES golden_customer (golden_id),
    rule            TEXT        NOT NULL,   -- new | same-tax-id | same-email | same-phone-similar-name | score | manual-merge | unmerge ...
    score           DOUBLE PRECISION,
    via_system      TEXT,                   -- the linked record the decision compared against (null for new)
    via_entity      TEXT,
    via_key         TEXT,
    explanation     JSONB,                  -- field comparisons behind the decision
    normalized      JSONB       NOT NULL,   -- what matching compared: the normalised record
    rules_version   INTEGER     NOT NULL,
    linked_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (source_system, source_entity, source_key)
);
CREATE INDEX identity_link_golden_idx ON identity_link (golden_id);

-- Block keys (candidate search) and term keys (value frequencies) of each linked record.
CREATE TABLE identity_key (
    key             TEXT        NOT NULL,
    source_system   TEXT        NOT NULL,
    source_entity   TEXT        NOT NULL,
    source_key      TEXT        NOT NULL,
    PRIMARY KEY (key, source_system, source_entity, source_key)
);
CREATE INDEX identity_key_record_idx ON identity_key (source_system, source_entity, source_key);

-- Pairs scored in the review band, kept for a person to decide.
CREATE TABLE identity_review (
    id              BIGSERIAL   PRIMARY KEY,
    left_system     TEXT        NOT NULL,
    left_entity     TEXT        NOT NULL,
    left_key        TEXT        NOT NULL,
    right_system    TEXT        NOT NULL,
    right_entity    TEXT        NOT NULL,
    right_key       TEXT        NOT NULL,
    score           DOUBLE PRECISION NOT NULL,
    explanation     JSONB       NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'OPEN',   -- OPEN | MERGED | DISTINCT
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    decided_at      TIMESTAMPTZ,
    decided_by      TEXT,
    UNIQUE (left_system, left_entity, left_key, right_system, right_entity, right_key)
);
CREATE INDEX identity_review_open_idx ON identity_review (created_at) WHERE status = 'OPEN';

-- Decisions people made that the matcher must respect from then on (an unmerge, a review answered
-- "distinct"): the two records are never linked automatically again.
CREATE TABLE identity_constraint (
    left_system     TEXT        NOT NULL,
    left_entity     TEXT        NOT NULL,
    left_key        TEXT        NOT NULL,
    right_system    TEXT        NOT NULL,
    right_entity    TEXT        NOT NULL,
    right_key       TEXT        NOT NULL,
    kind            TEXT        NOT NULL,   -- cannot-link
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    created_by      TEXT        NOT NULL,
    reason          TEXT,
    PRIMARY KEY (left_system, left_entity, left_key, right_system, right_entity, right_key)
);

-- Every identity decision, in order: the audit trail, and the outbox of the identity-events route.
CREATE TABLE identity_decision (
    id              BIGSERIAL   PRIMARY KEY,
    decided_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    kind            TEXT        NOT NULL,   -- CREATED | LINKED | MERGED | UNMERGED | RELINKED | REVIEW_OPENED | REVIEW_DECIDED | CAPPED
    golden_id       UUID        NOT NULL,
    other_golden_id UUID,                   -- MERGED: the absorbed golden; UNMERGED: the new one
    source_system   TEXT,
    source_entity   TEXT,
    source_key      TEXT,
    rule            TEXT,
    score           DOUBLE PRECISION,
    rules_version   INTEGER,
    actor           TEXT        NOT NULL,   -- hub (automatic) or the person / partner who asked
    details         JSONB,
    published_at    TIMESTAMPTZ
);
CREATE INDEX identity_decision_golden_idx ON identity_decision (golden_id);
CREATE INDEX identity_decision_unpublished_idx ON identity_decision (id) WHERE published_at IS NULL;

-- Orders, payments and interactions resolve to the golden customer through the source links, so an
-- unmerge re-points them at once and nothing has to be rewritten.
ALTER TABLE order_record       ADD COLUMN customer_entity TEXT GENERATED ALWAYS AS (payload->'customer'->>'entity') STORED;
ALTER TABLE payment_record     ADD COLUMN customer_entity TEXT GENERATED ALWAYS AS (payload->'customer'->>'entity') STORED;
ALTER TABLE interaction_record ADD COLUMN customer_entity TEXT GENERATED ALWAYS AS (payload->'customer'->>'entity') STORED;

CREATE VIEW order_golden AS
    SELECT o.*, l.golden_id FROM order_record o
    LEFT JOIN identity_link l ON l.source_system = o.source_system AND l.source_entity = o.customer_entity
                             AND l.source_key = o.customer_key;
CREATE VIEW payment_golden AS
    SELECT p.*, l.golden_id FROM payment_record p
    LEFT JOIN identity_link l ON l.source_system = p.source_system AND l.source_entity = p.customer_entity
                             AND l.source_key = p.customer_key;
CREATE VIEW interaction_golden AS
    SELECT i.*, l.golden_id FROM interaction_record i
    LEFT JOIN identity_link l ON l.source_system = i.source_system AND l.source_entity = i.customer_entity
                             AND l.source_key = i.customer_key;
