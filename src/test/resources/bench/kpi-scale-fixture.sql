-- KPI scale fixture (issue 18, docs/benchmarks-kpi.md): ${customers} golden customers, each with two linked source
-- records (an ERP and a shop record), and ${facts} facts over three years (2024-01-01 … 2026-12-31), written straight
-- into the store's tables in the shape the apply path writes them. KpiScaleBenchmark runs it statement by statement
-- (statements end with a semicolon at the end of a line), replacing ${customers} and ${facts}; it can also be run by
-- hand with psql after replacing them. Triggers are off while it loads (session_replication_role = replica); the
-- benchmark then fills the KPI aggregates with kpi_rebuild(), which is what the V13 migration does on a live store.
--
-- Shape: facts are 45 % orders (85 % won, 10 % draft, 5 % cancelled; 95 % CNY, 3 % USD, 2 % JPY, which has no
-- rate), 45 % payments (2 % refunds) and 10 % interactions (30 % complaints, a fifth escalated, four fifths resolved
-- within 0–200 h; 30 % surveys on a 5-point scale; 40 % contacts). Customers are skewed: customer i is drawn as
-- 1 + floor(customers × random()^1.5), so a few large customers have hundreds of facts and most have a handful. Three
-- in ten golden customers became a lead in these three years; the others were first seen as customers by a snapshot.
-- Random draws are seeded: the same parameters give the same data.

SET session_replication_role = replica;
SELECT setseed(0.18);

INSERT INTO golden_customer (golden_id, status, record, provenance, member_count, version, created_at, updated_at)
SELECT md5('kpi-bench-golden-' || i)::uuid, 'ACTIVE',
       jsonb_build_object('number', 'E' || i, 'kind', 'ORGANISATION', 'name', 'KPI 基准客户 ' || i,
                          'emails', jsonb_build_array(), 'phones', jsonb_build_array(),
                          'addresses', jsonb_build_array(), 'lifecycleStatus', 'CUSTOMER'),
       '{}'::jsonb, 2, 1, timestamptz '2023-06-01 00:00:00+08' + i * interval '10 seconds',
       timestamptz '2023-06-01 00:00:00+08' + i * interval '10 seconds'
FROM generate_series(1, ${customers}) i;

INSERT INTO customer_record (source_system, source_entity, source_key, payload, source_position, source_sequence,
                             mapping_version, last_event_id, last_op, occurred_at)
SELECT r.system, 'customers', r.prefix || i,
       jsonb_build_object('number', r.prefix || i, 'kind', 'ORGANISATION', 'name', 'KPI 基准客户 ' || i,
                          'emails', jsonb_build_array(), 'phones', jsonb_build_array(),
                          'addresses', jsonb_build_array(), 'lifecycleStatus', 'CUSTOMER'),
       'fixture', 1, 'fixture@1', md5(r.system || '-' || i)::uuid, 'CREATE',
       timestamptz '2023-06-01 00:00:00+08' + i * interval '10 seconds'
FROM generate_series(1, ${customers}) i
CROSS JOIN (VALUES ('kb-erp', 'E'), ('kb-shop', 'S')) r(system, prefix);

INSERT INTO identity_link (source_system, source_entity, source_key, golden_id, rule, normalized, rules_version,
                           linked_at)
SELECT r.system, 'customers', r.prefix || i, md5('kpi-bench-golden-' || i)::uuid,
       CASE WHEN r.prefix = 'E' THEN 'new' ELSE 'same-email' END, '{}'::jsonb, 2,
       timestamptz '2023-06-01 00:00:00+08' + i * interval '10 seconds' + r.n * interval '1 second'
FROM generate_series(1, ${customers}) i
CROSS JOIN (VALUES ('kb-erp', 'E', 0), ('kb-shop', 'S', 1)) r(system, prefix, n);

-- lifecycle: leads of these three years (non-snapshot LEAD, then CUSTOMER), the rest a snapshot's starting state
INSERT INTO kpi_lifecycle (source_system, source_entity, source_key, status, previous_status, changed_at, snapshot)
SELECT 'kb-erp', 'customers', 'E' || i, x.status, x.previous, x.at, x.snapshot
FROM (SELECT i, timestamptz '2024-01-01 09:00:00+08' + floor(random() * 1000) * interval '1 day' AS lead_at
      FROM generate_series(1, ${customers}) i) c
CROSS JOIN LATERAL (
    SELECT * FROM (VALUES ('LEAD', NULL, c.lead_at, false),
                          ('CUSTOMER', 'LEAD', c.lead_at + interval '20 days', false)) v(status, previous, at, snapshot)
    WHERE c.i % 10 < 3
    UNION ALL
    SELECT 'CUSTOMER', NULL, timestamptz '2023-12-01 03:00:00+08', true WHERE c.i % 10 >= 3
) x;

INSERT INTO kpi_fact (source_system, source_entity, source_key, entity, kind, customer_system, customer_entity,
                      customer_key, occurred_on, occurred_at, amount, currency, escalated_at, resolved_at, score,
                      scale_max, snapshot, applied_at)
SELECT CASE WHEN j % 2 = 0 THEN 'kb-erp' ELSE 'kb-shop' END,
       CASE WHEN d.what < 0.45 THEN 'orders' WHEN d.what < 0.90 THEN 'payments' ELSE 'interactions' END,
       'F' || j,
       CASE WHEN d.what < 0.45 THEN 'order' WHEN d.what < 0.90 THEN 'payment' ELSE 'interaction' END,
       CASE WHEN d.what < 0.45 THEN CASE WHEN d.r1 < 0.85 THEN 'ORDER_WON' WHEN d.r1 < 0.95 THEN 'ORDER_OPEN'
                                         ELSE 'ORDER_CANCELLED' END
            WHEN d.what < 0.90 THEN 'PAYMENT'
            ELSE CASE WHEN d.r1 < 0.3 THEN 'COMPLAINT' WHEN d.r1 < 0.6 THEN 'SURVEY' ELSE 'CONTACT' END END,
       CASE WHEN j % 2 = 0 THEN 'kb-erp' ELSE 'kb-shop' END, 'customers',
       CASE WHEN j % 2 = 0 THEN 'E' ELSE 'S' END || d.customer,
       (d.at AT TIME ZONE 'Asia/Shanghai')::date, d.at,
       CASE WHEN d.what < 0.45 THEN round((50 + d.r2 * 5000)::numeric, 2)
            WHEN d.what < 0.90 THEN round(((50 + d.r2 * 5000) * CASE WHEN d.r3 < 0.02 THEN -0.2 ELSE 1 END)::numeric, 2)
            END,
       CASE WHEN d.what < 0.90 THEN CASE WHEN d.r4 < 0.95 THEN 'CNY' WHEN d.r4 < 0.98 THEN 'USD' ELSE 'JPY' END END,
       CASE WHEN d.what >= 0.90 AND d.r1 < 0.3 AND d.r3 < 0.2 THEN d.at + d.r4 * interval '96 hours' END,
       CASE WHEN d.what >= 0.90 AND d.r1 < 0.3 AND d.r2 < 0.8 THEN d.at + d.r4 * interval '200 hours' END,
       CASE WHEN d.what >= 0.90 AND d.r1 >= 0.3 AND d.r1 < 0.6 THEN 1 + floor(d.r2 * 5)::int END,
       CASE WHEN d.what >= 0.90 AND d.r1 >= 0.3 AND d.r1 < 0.6 THEN 5 END,
       false, d.at
FROM (
    SELECT j, what, r1, r2, r3, r4, customer,
           -- an order is dated at the start of its day in the KPI zone, as the apply path writes it
           CASE WHEN what < 0.45 THEN (day::timestamp AT TIME ZONE 'Asia/Shanghai')
                ELSE (day::timestamp AT TIME ZONE 'Asia/Shanghai') + r5 * interval '1 day' END AS at
    FROM (
        SELECT j, random() AS what, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
               1 + floor(${customers} * power(random(), 1.5))::int AS customer,
               date '2024-01-01' + floor(random() * 1096)::int AS day
        FROM generate_series(1, ${facts}) j
    ) raw
) d;

SET session_replication_role = origin;
ANALYZE golden_customer;
ANALYZE customer_record;
ANALYZE identity_link;
ANALYZE kpi_lifecycle;
ANALYZE kpi_fact;
