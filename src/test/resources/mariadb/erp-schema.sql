-- The demo ERP schema (src/workbench/resources/simulator/erp-schema.sql) as a MariaDB/MySQL ERP would hold it.
-- No REPLICA IDENTITY here: binlog_row_image=FULL makes every update and delete carry the whole old row.
CREATE TABLE customers (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_no   VARCHAR(32)  NOT NULL UNIQUE,
    kind          CHAR(1)      NOT NULL DEFAULT 'C',
    name          VARCHAR(200) NOT NULL,
    contact_name  VARCHAR(100),
    phone         VARCHAR(64),
    mobile        VARCHAR(64),
    email         VARCHAR(200),
    tax_id        VARCHAR(32),
    industry      VARCHAR(100),
    country       CHAR(2)      NOT NULL DEFAULT 'CN',
    province      VARCHAR(50),
    city          VARCHAR(50),
    address       VARCHAR(300),
    postal_code   VARCHAR(16),
    owner         VARCHAR(100),
    status        VARCHAR(20)  NOT NULL DEFAULT 'LEAD',
    created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
CREATE TABLE sales_orders (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    order_no      VARCHAR(32)   NOT NULL UNIQUE,
    customer_id   BIGINT        NOT NULL,
    order_date    DATE          NOT NULL,
    status        VARCHAR(20)   NOT NULL DEFAULT 'OPEN',
    currency      CHAR(3)       NOT NULL DEFAULT 'CNY',
    total_amount  DECIMAL(14,2) NOT NULL DEFAULT 0,
    created_at    DATETIME(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
CREATE TABLE sales_order_lines (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    order_id      BIGINT        NOT NULL,
    line_no       INT           NOT NULL,
    sku           VARCHAR(64)   NOT NULL,
    description   VARCHAR(200),
    quantity      DECIMAL(12,3) NOT NULL,
    unit_price    DECIMAL(14,4) NOT NULL,
    amount        DECIMAL(14,2) NOT NULL,
    unit_cost     DECIMAL(14,4)
);
CREATE TABLE payment_receipts (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    receipt_no    VARCHAR(32)  NOT NULL UNIQUE,
    customer_id   BIGINT       NOT NULL,
    order_id      BIGINT,
    amount        VARCHAR(32)  NOT NULL,
    currency      VARCHAR(8)   NOT NULL DEFAULT 'CNY',
    paid_at       VARCHAR(32)  NOT NULL,
    method        VARCHAR(20)  NOT NULL,
    created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
