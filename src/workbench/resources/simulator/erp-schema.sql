-- Demo ERP schema, shaped like a typical legacy ERP: typed where the vendor typed it, free text
-- where finance staff type by hand (payment amount and date), so the hub meets the usual mess.
CREATE TABLE IF NOT EXISTS customers (
    id            BIGSERIAL PRIMARY KEY,
    customer_no   VARCHAR(32)  NOT NULL UNIQUE,  -- may contain full-width digits, e.g. 'Ｃ００１２'
    kind          CHAR(1)      NOT NULL DEFAULT 'C', -- 'C' company, 'P' person
    name          VARCHAR(200) NOT NULL,
    contact_name  VARCHAR(100),
    phone         VARCHAR(64),   -- '010-6552 9988', '+86-10-65529988', '0086 21 5888 1234'
    mobile        VARCHAR(64),   -- '138 0013 8000', '+86 139-1234-5678'
    email         VARCHAR(200),  -- mixed case, stray spaces
    tax_id        VARCHAR(32),   -- unified social credit code (18 chars) for companies
    industry      VARCHAR(100),
    country       CHAR(2)      NOT NULL DEFAULT 'CN',
    province      VARCHAR(50),
    city          VARCHAR(50),
    address       VARCHAR(300),
    postal_code   VARCHAR(16),
    owner         VARCHAR(100),  -- sales rep
    status        VARCHAR(20)  NOT NULL DEFAULT 'LEAD', -- LEAD, PROSPECT, ACTIVE, DORMANT, LOST
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sales_orders (
    id            BIGSERIAL PRIMARY KEY,
    order_no      VARCHAR(32)   NOT NULL UNIQUE,
    customer_id   BIGINT        NOT NULL,
    order_date    DATE          NOT NULL,
    status        VARCHAR(20)   NOT NULL DEFAULT 'OPEN', -- DRAFT, OPEN, SHIPPED, CLOSED, VOID
    currency      CHAR(3)       NOT NULL DEFAULT 'CNY',
    total_amount  NUMERIC(14,2) NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sales_order_lines (
    id            BIGSERIAL PRIMARY KEY,
    order_id      BIGINT        NOT NULL,
    line_no       INTEGER       NOT NULL,
    sku           VARCHAR(64)   NOT NULL,
    description   VARCHAR(200),
    quantity      NUMERIC(12,3) NOT NULL,
    unit_price    NUMERIC(14,4) NOT NULL,
    amount        NUMERIC(14,2) NOT NULL,
    unit_cost     NUMERIC(14,4)            -- purchase/production cost per unit, when known
);

CREATE TABLE IF NOT EXISTS payment_receipts (
    id            BIGSERIAL PRIMARY KEY,
    receipt_no    VARCHAR(32)  NOT NULL UNIQUE,
    customer_id   BIGINT       NOT NULL,
    order_id      BIGINT,
    amount        VARCHAR(32)  NOT NULL,  -- typed by hand: '1,234.50', '¥980', '１２００.００'
    currency      VARCHAR(8)   NOT NULL DEFAULT 'CNY',
    paid_at       VARCHAR(32)  NOT NULL,  -- typed by hand: '2024/6/4', '2024-06-04 13:00', '20240604'
    method        VARCHAR(20)  NOT NULL,  -- BANK, ALIPAY, WECHAT, CASH, CHEQUE, CARD
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A person's birth date and identity document (mappings/erp/customers.yaml, canonical schema v2). Added, not in
-- CREATE TABLE, so an ERP database created before them gains them too.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS birth_date VARCHAR(32);  -- typed by hand: '1990/3/7', '1990-03-07'
ALTER TABLE customers ADD COLUMN IF NOT EXISTS id_type    VARCHAR(16);  -- RID resident id, PP passport, NID, OTHER
ALTER TABLE customers ADD COLUMN IF NOT EXISTS id_no      VARCHAR(40);  -- '110105 19900307 0025', full-width too
ALTER TABLE customers ADD COLUMN IF NOT EXISTS id_country CHAR(2);

-- The simulator's trickle pays recent orders that have no receipt yet.
CREATE INDEX IF NOT EXISTS payment_receipts_order_idx ON payment_receipts (order_id);

-- Deletes must carry the whole old row so the hub can say what was deleted.
ALTER TABLE customers REPLICA IDENTITY FULL;
ALTER TABLE sales_orders REPLICA IDENTITY FULL;
ALTER TABLE sales_order_lines REPLICA IDENTITY FULL;
ALTER TABLE payment_receipts REPLICA IDENTITY FULL;
