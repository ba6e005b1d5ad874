-- KPI aggregates (issue 18, "KPIs at the size of a real customer base"). Indicators used to be computed at query
-- time from kpi_fact joined to identity_link, one SQL per period; at 200,000 customers a month took 17 s. Now they
-- are read from aggregates that are kept exact in the writer's transaction, whoever the writer is:
--
--   kpi_golden_day   per golden customer and day: its orders, revenue, payments, complaints, surveys, margin …
--   kpi_customer     per golden customer: first and last won order, lifetime revenue, lead date, conversion, …
--   kpi_day          per day, over every golden customer: the sums of kpi_golden_day plus customer-level events
--                    (first purchase, last purchase, start and end of each 365-day activity spell, …) as +1/−1
--   kpi_period       per calendar period (day, week, month, quarter, year): buyers, repeat buyers, retained buyers
--   kpi_lead         per lead date and conversion date: how many golden customers
--
-- Statement triggers on kpi_fact, kpi_lifecycle and identity_link note which golden customers a statement
-- touched (kpi_dirty); at commit (a deferred constraint trigger) kpi_restate recomputes exactly those golden
-- customers from their facts and adds the difference of their contributions to the shared tables. A merge, unmerge,
-- re-evaluation or catch-up moves links, so it restates the golden customers on both sides, in its own transaction.
-- See docs/kpis.md.

-- The settings the aggregates were computed with (the hub writes hub.kpi.* here at start and rebuilds on change).
CREATE TABLE kpi_setting (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    zone                TEXT    NOT NULL,
    complaint_sla_hours INTEGER NOT NULL
);
INSERT INTO kpi_setting (id, zone, complaint_sla_hours) VALUES (1, 'Asia/Shanghai', 72);

-- Counts are NULL rather than 0 (a day row carries a few of these columns, the rest costs nothing).
CREATE TABLE kpi_golden_day (
    golden_id        UUID    NOT NULL,
    day              DATE    NOT NULL,
    won_orders       INTEGER,   -- won orders dated this day
    won_revenue      NUMERIC,   -- their totals in base currency (convertible ones)
    won_priced       INTEGER,   -- won orders with a convertible total
    unconverted      INTEGER,   -- won orders and payments whose currency has no rate
    collected        NUMERIC,   -- payments received (base currency)
    interactions     INTEGER,   -- interactions of any kind opened
    complaints       INTEGER,   -- complaints opened
    resolved         INTEGER,   -- complaints resolved (by their resolution date)
    resolved_seconds NUMERIC,   -- … and their open → resolved time
    overdue_delta    INTEGER,   -- complaints becoming overdue (+1) or no longer overdue (−1) at the start of this day
    csat_n           INTEGER,   -- surveys with a score
    csat_sum         NUMERIC,   -- Σ score / scale × 5
    csat_satisfied   INTEGER,   -- surveys with score / scale ≥ 0.8
    line_amount      NUMERIC,   -- lines of won orders dated this day (base currency)
    line_amount_n    INTEGER,
    costed_amount    NUMERIC,   -- … of those whose cost is known
    costed_amount_n  INTEGER,
    margin           NUMERIC,   -- Σ (line amount − cost) of costed lines
    margin_n         INTEGER,
    PRIMARY KEY (golden_id, day)
);
-- RFM over a 365-day window reads won days by date, index only
CREATE INDEX kpi_golden_day_won_idx ON kpi_golden_day (day) INCLUDE (golden_id, won_orders, won_revenue)
    WHERE won_orders > 0;

CREATE TABLE kpi_customer (
    golden_id        UUID    PRIMARY KEY,
    first_won_on     DATE,
    last_won_on      DATE,
    won_orders       INTEGER NOT NULL,
    won_revenue      NUMERIC NOT NULL,   -- lifetime, base currency
    lead_on          DATE,               -- earliest non-snapshot change to LEAD or PROSPECT of any of its records
    converted_on     DATE,               -- first won order on or after lead_on
    first_contact_on DATE,               -- earliest of lead_on and the first interaction
    margin_first_on  DATE                -- first day with a costed line of a won order
);
CREATE INDEX kpi_customer_last_won_idx ON kpi_customer (last_won_on, golden_id) WHERE last_won_on IS NOT NULL;

CREATE TABLE kpi_day (
    day                 DATE    PRIMARY KEY,
    won_orders          BIGINT  NOT NULL DEFAULT 0,
    won_revenue         NUMERIC NOT NULL DEFAULT 0,
    won_priced          BIGINT  NOT NULL DEFAULT 0,
    unconverted         BIGINT  NOT NULL DEFAULT 0,
    collected           NUMERIC NOT NULL DEFAULT 0,
    complaints          BIGINT  NOT NULL DEFAULT 0,
    resolved            BIGINT  NOT NULL DEFAULT 0,
    resolved_seconds    NUMERIC NOT NULL DEFAULT 0,
    overdue_delta       BIGINT  NOT NULL DEFAULT 0,
    csat_n              BIGINT  NOT NULL DEFAULT 0,
    csat_sum            NUMERIC NOT NULL DEFAULT 0,
    csat_satisfied      BIGINT  NOT NULL DEFAULT 0,
    line_amount         NUMERIC NOT NULL DEFAULT 0,
    line_amount_n       BIGINT  NOT NULL DEFAULT 0,
    costed_amount       NUMERIC NOT NULL DEFAULT 0,
    costed_amount_n     BIGINT  NOT NULL DEFAULT 0,
    margin              NUMERIC NOT NULL DEFAULT 0,
    margin_n            BIGINT  NOT NULL DEFAULT 0,
    first_buyers        BIGINT  NOT NULL DEFAULT 0,   -- golden customers whose first won order is this day
    last_buyers         BIGINT  NOT NULL DEFAULT 0,   -- … whose last won order is this day
    margin_first        BIGINT  NOT NULL DEFAULT 0,   -- … whose first costed line is this day
    cycle_n             BIGINT  NOT NULL DEFAULT 0,   -- first won order this day, first contact on or before it
    cycle_days          BIGINT  NOT NULL DEFAULT 0,   -- … Σ days from first contact to that order
    active_delta        BIGINT  NOT NULL DEFAULT 0,   -- +1/−1: a won order in the 365 days before this day starts/ends
    year_retained_delta BIGINT  NOT NULL DEFAULT 0    -- +1/−1: won orders in both 365-day windows before this day
);

-- Calendar periods as Period.Granularity cuts them (ISO weeks from Monday).
CREATE TABLE kpi_period (
    granularity TEXT   NOT NULL,   -- day | week | month | quarter | year
    start       DATE   NOT NULL,
    buyers      BIGINT NOT NULL,   -- golden customers with a won order in the period
    repeaters   BIGINT NOT NULL,   -- … with two or more
    retained    BIGINT NOT NULL,   -- … who also had one in the period before
    PRIMARY KEY (granularity, start)
);

CREATE TABLE kpi_lead (
    lead_on      DATE   NOT NULL,
    converted_on DATE   NOT NULL,  -- 'infinity' while not converted
    leads        BIGINT NOT NULL,
    PRIMARY KEY (lead_on, converted_on)
);

-- Golden customers restated, by the transaction that restated them. Customer scores (RFM quintiles, grade) rank one
-- customer among all of them: KpiScores keeps a snapshot of everybody's figures and corrects it exactly by the
-- customers restated since (rows this snapshot could not see). Rows older than an hour are pruned; a rebuild leaves
-- the nil uuid, which tells every snapshot to start again.
CREATE TABLE kpi_customer_log (
    txid      XID8 NOT NULL DEFAULT pg_current_xact_id(),
    golden_id UUID NOT NULL
);
CREATE INDEX kpi_customer_log_txid_idx ON kpi_customer_log (txid);

-- Golden customers' days, whole, from their facts (the definitions of docs/kpis.md, as the old query-time SQL had
-- them). kpi_golden_days_at below is the same for given days only; AggregateCheck (KpiCorrectnessIT) holds the two to
-- the same answer.
CREATE FUNCTION kpi_golden_days_of(g UUID[]) RETURNS SETOF kpi_golden_day LANGUAGE sql STABLE AS $$
    WITH s AS (SELECT zone, make_interval(hours => complaint_sla_hours) AS sla FROM kpi_setting),
    f AS (
        SELECT l.golden_id, f.source_system, f.source_entity, f.source_key, f.entity, f.kind, f.occurred_on,
               f.occurred_at, f.escalated_at, f.resolved_at, f.score, f.scale_max, r.rate, f.amount * r.rate AS base,
               (f.amount IS NOT NULL AND r.rate IS NULL) AS unconverted
        FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN LATERAL (SELECT l.* FROM identity_link l WHERE l.golden_id = u.golden_id OFFSET 0) l
        CROSS JOIN LATERAL (SELECT f.* FROM kpi_fact f WHERE f.customer_system = l.source_system
                            AND f.customer_entity = l.source_entity AND f.customer_key = l.source_key OFFSET 0) f
        LEFT JOIN kpi_currency_rate r ON r.currency = f.currency
    ),
    parts AS (
        SELECT golden_id, occurred_on AS day,
               count(*) FILTER (WHERE kind = 'ORDER_WON') AS won_orders,
               sum(base) FILTER (WHERE kind = 'ORDER_WON') AS won_revenue,
               count(base) FILTER (WHERE kind = 'ORDER_WON') AS won_priced,
               count(*) FILTER (WHERE unconverted AND kind IN ('ORDER_WON', 'PAYMENT')) AS unconverted,
               sum(base) FILTER (WHERE kind = 'PAYMENT') AS collected,
               count(*) FILTER (WHERE entity = 'interaction') AS interactions,
               count(*) FILTER (WHERE kind = 'COMPLAINT') AS complaints,
               0 AS resolved, NULL::numeric AS resolved_seconds, 0 AS overdue_delta,
               count(*) FILTER (WHERE kind = 'SURVEY' AND score IS NOT NULL AND scale_max > 0) AS csat_n,
               sum(score::numeric / scale_max * 5) FILTER (WHERE kind = 'SURVEY' AND score IS NOT NULL
                   AND scale_max > 0) AS csat_sum,
               count(*) FILTER (WHERE kind = 'SURVEY' AND score IS NOT NULL AND scale_max > 0
                   AND score::numeric / scale_max >= 0.8) AS csat_satisfied,
               NULL::numeric AS line_amount, 0 AS line_amount_n, NULL::numeric AS costed_amount,
               0 AS costed_amount_n, NULL::numeric AS margin, 0 AS margin_n
        FROM f GROUP BY golden_id, occurred_on
        UNION ALL
        -- complaints resolved, by their resolution date
        SELECT golden_id, (resolved_at AT TIME ZONE s.zone)::date, 0, NULL, 0, 0, NULL, 0, 0,
               1, extract(epoch FROM resolved_at - occurred_at), 0, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0
        FROM f, s WHERE kind = 'COMPLAINT' AND resolved_at IS NOT NULL
        UNION ALL
        -- overdue at the end of a period (the start of day e) ⇔ from < start of e ≤ resolved_at, where from is the
        -- later of opening and (the earlier of escalation and opening + SLA): e ∈ [date(from) + 1, date(resolved)]
        SELECT golden_id, day, 0, NULL, 0, 0, NULL, 0, 0, 0, NULL, delta, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0
        FROM (
            SELECT golden_id, from_on + 1 AS day, 1 AS delta, resolved_on FROM (
                SELECT golden_id,
                       (greatest(occurred_at, least(escalated_at, occurred_at + s.sla)) AT TIME ZONE s.zone)::date
                           AS from_on,
                       (resolved_at AT TIME ZONE s.zone)::date AS resolved_on
                FROM f, s WHERE kind = 'COMPLAINT') c
            WHERE resolved_on IS NULL OR resolved_on > from_on
            UNION ALL
            SELECT golden_id, resolved_on + 1, -1, resolved_on FROM (
                SELECT golden_id,
                       (greatest(occurred_at, least(escalated_at, occurred_at + s.sla)) AT TIME ZONE s.zone)::date
                           AS from_on,
                       (resolved_at AT TIME ZONE s.zone)::date AS resolved_on
                FROM f, s WHERE kind = 'COMPLAINT') c
            WHERE resolved_on > from_on
        ) o
        UNION ALL
        -- lines of won orders in a convertible currency, dated and attributed by their order
        SELECT o.golden_id, o.occurred_on, 0, NULL, 0, 0, NULL, 0, 0, 0, NULL, 0, 0, NULL, 0,
               sum(li.amount * o.rate), count(li.amount * o.rate),
               sum(li.amount * o.rate) FILTER (WHERE li.cost IS NOT NULL),
               count(li.amount * o.rate) FILTER (WHERE li.cost IS NOT NULL),
               sum((li.amount - li.cost) * o.rate) FILTER (WHERE li.cost IS NOT NULL),
               count((li.amount - li.cost) * o.rate) FILTER (WHERE li.cost IS NOT NULL)
        FROM f o
        CROSS JOIN LATERAL (SELECT li.* FROM kpi_fact li WHERE li.source_system = o.source_system
                            AND li.order_entity = o.source_entity AND li.order_key = o.source_key
                            AND li.kind = 'ORDER_LINE' OFFSET 0) li
        WHERE o.kind = 'ORDER_WON' AND o.rate IS NOT NULL
        GROUP BY o.golden_id, o.occurred_on
    )
    SELECT golden_id, day, NULLIF(sum(won_orders), 0)::int, sum(won_revenue), NULLIF(sum(won_priced), 0)::int,
           NULLIF(sum(unconverted), 0)::int, sum(collected), NULLIF(sum(interactions), 0)::int,
           NULLIF(sum(complaints), 0)::int, NULLIF(sum(resolved), 0)::int, sum(resolved_seconds),
           NULLIF(sum(overdue_delta), 0)::int, NULLIF(sum(csat_n), 0)::int, sum(csat_sum),
           NULLIF(sum(csat_satisfied), 0)::int, sum(line_amount), NULLIF(sum(line_amount_n), 0)::int,
           sum(costed_amount), NULLIF(sum(costed_amount_n), 0)::int, sum(margin), NULLIF(sum(margin_n), 0)::int
    FROM parts GROUP BY golden_id, day
$$;

CREATE FUNCTION kpi_golden_days_at(pg UUID[], pd DATE[]) RETURNS SETOF kpi_golden_day LANGUAGE sql STABLE AS $$
    WITH s AS (SELECT zone, make_interval(hours => complaint_sla_hours) AS sla FROM kpi_setting),
    p AS (SELECT DISTINCT golden_id, day FROM unnest(pg, pd) AS p(golden_id, day)),
    l AS (
        SELECT l.golden_id, l.source_system, l.source_entity, l.source_key
        FROM (SELECT DISTINCT golden_id FROM p) u
        CROSS JOIN LATERAL (SELECT l.* FROM identity_link l WHERE l.golden_id = u.golden_id OFFSET 0) l
    ),
    -- the facts dated on those days
    f AS (
        SELECT l.golden_id, f.source_system, f.source_entity, f.source_key, f.entity, f.kind, f.occurred_on,
               f.occurred_at, f.escalated_at, f.resolved_at, f.score, f.scale_max, r.rate, f.amount * r.rate AS base,
               (f.amount IS NOT NULL AND r.rate IS NULL) AS unconverted
        FROM p JOIN l USING (golden_id)
        CROSS JOIN LATERAL (SELECT f.* FROM kpi_fact f WHERE f.customer_system = l.source_system
                            AND f.customer_entity = l.source_entity AND f.customer_key = l.source_key
                            AND f.occurred_on = p.day OFFSET 0) f
        LEFT JOIN kpi_currency_rate r ON r.currency = f.currency
    ),
    -- every complaint of those customers: its resolution and overdue dates fall on other days than its own
    c AS (
        SELECT l.golden_id, f.kind, f.occurred_at, f.escalated_at, f.resolved_at
        FROM l CROSS JOIN LATERAL (SELECT f.* FROM kpi_fact f WHERE f.customer_system = l.source_system
                                   AND f.customer_entity = l.source_entity AND f.customer_key = l.source_key
                                   AND f.kind = 'COMPLAINT' OFFSET 0) f
    ),
    parts AS (
        SELECT golden_id, occurred_on AS day,
               count(*) FILTER (WHERE kind = 'ORDER_WON') AS won_orders,
               sum(base) FILTER (WHERE kind = 'ORDER_WON') AS won_revenue,
               count(base) FILTER (WHERE kind = 'ORDER_WON') AS won_priced,
               count(*) FILTER (WHERE unconverted AND kind IN ('ORDER_WON', 'PAYMENT')) AS unconverted,
               sum(base) FILTER (WHERE kind = 'PAYMENT') AS collected,
               count(*) FILTER (WHERE entity = 'interaction') AS interactions,
               count(*) FILTER (WHERE kind = 'COMPLAINT') AS complaints,
               0 AS resolved, NULL::numeric AS resolved_seconds, 0 AS overdue_delta,
               count(*) FILTER (WHERE kind = 'SURVEY' AND score IS NOT NULL AND scale_max > 0) AS csat_n,
               sum(score::numeric / scale_max * 5) FILTER (WHERE kind = 'SURVEY' AND score IS NOT NULL
                   AND scale_max > 0) AS csat_sum,
               count(*) FILTER (WHERE kind = 'SURVEY' AND score IS NOT NULL AND scale_max > 0
                   AND score::numeric / scale_max >= 0.8) AS csat_satisfied,
               NULL::numeric AS line_amount, 0 AS line_amount_n, NULL::numeric AS costed_amount,
               0 AS costed_amount_n, NULL::numeric AS margin, 0 AS margin_n
        FROM f GROUP BY golden_id, occurred_on
        UNION ALL
        -- complaints resolved, by their resolution date
        SELECT golden_id, (resolved_at AT TIME ZONE s.zone)::date, 0, NULL, 0, 0, NULL, 0, 0,
               1, extract(epoch FROM resolved_at - occurred_at), 0, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0
        FROM c, s WHERE kind = 'COMPLAINT' AND resolved_at IS NOT NULL
        UNION ALL
        -- overdue at the end of a period (the start of day e) ⇔ from < start of e ≤ resolved_at, where from is the
        -- later of opening and (the earlier of escalation and opening + SLA): e ∈ [date(from) + 1, date(resolved)]
        SELECT golden_id, day, 0, NULL, 0, 0, NULL, 0, 0, 0, NULL, delta, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0
        FROM (
            SELECT golden_id, from_on + 1 AS day, 1 AS delta, resolved_on FROM (
                SELECT golden_id,
                       (greatest(occurred_at, least(escalated_at, occurred_at + s.sla)) AT TIME ZONE s.zone)::date
                           AS from_on,
                       (resolved_at AT TIME ZONE s.zone)::date AS resolved_on
                FROM c, s WHERE kind = 'COMPLAINT') c
            WHERE resolved_on IS NULL OR resolved_on > from_on
            UNION ALL
            SELECT golden_id, resolved_on + 1, -1, resolved_on FROM (
                SELECT golden_id,
                       (greatest(occurred_at, least(escalated_at, occurred_at + s.sla)) AT TIME ZONE s.zone)::date
                           AS from_on,
                       (resolved_at AT TIME ZONE s.zone)::date AS resolved_on
                FROM c, s WHERE kind = 'COMPLAINT') c
            WHERE resolved_on > from_on
        ) o
        UNION ALL
        -- lines of won orders in a convertible currency, dated and attributed by their order
        SELECT o.golden_id, o.occurred_on, 0, NULL, 0, 0, NULL, 0, 0, 0, NULL, 0, 0, NULL, 0,
               sum(li.amount * o.rate), count(li.amount * o.rate),
               sum(li.amount * o.rate) FILTER (WHERE li.cost IS NOT NULL),
               count(li.amount * o.rate) FILTER (WHERE li.cost IS NOT NULL),
               sum((li.amount - li.cost) * o.rate) FILTER (WHERE li.cost IS NOT NULL),
               count((li.amount - li.cost) * o.rate) FILTER (WHERE li.cost IS NOT NULL)
        FROM f o
        CROSS JOIN LATERAL (SELECT li.* FROM kpi_fact li WHERE li.source_system = o.source_system
                            AND li.order_entity = o.source_entity AND li.order_key = o.source_key
                            AND li.kind = 'ORDER_LINE' OFFSET 0) li
        WHERE o.kind = 'ORDER_WON' AND o.rate IS NOT NULL
        GROUP BY o.golden_id, o.occurred_on
    )
    SELECT golden_id, day, NULLIF(sum(won_orders), 0)::int, sum(won_revenue), NULLIF(sum(won_priced), 0)::int,
           NULLIF(sum(unconverted), 0)::int, sum(collected), NULLIF(sum(interactions), 0)::int,
           NULLIF(sum(complaints), 0)::int, NULLIF(sum(resolved), 0)::int, sum(resolved_seconds),
           NULLIF(sum(overdue_delta), 0)::int, NULLIF(sum(csat_n), 0)::int, sum(csat_sum),
           NULLIF(sum(csat_satisfied), 0)::int, sum(line_amount), NULLIF(sum(line_amount_n), 0)::int,
           sum(costed_amount), NULLIF(sum(costed_amount_n), 0)::int, sum(margin), NULLIF(sum(margin_n), 0)::int
    FROM parts JOIN p USING (golden_id, day) GROUP BY golden_id, day
$$;


-- One golden customer's dates, from its days (kpi_golden_day as now written) and its records' lifecycle.
CREATE FUNCTION kpi_customers_of(g UUID[]) RETURNS SETOF kpi_customer LANGUAGE sql STABLE AS $$
    WITH d AS (
        SELECT d.* FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN LATERAL (SELECT d.* FROM kpi_golden_day d WHERE d.golden_id = u.golden_id OFFSET 0) d
    ),
    agg AS (
        SELECT golden_id, min(day) FILTER (WHERE won_orders > 0) AS first_won_on,
               max(day) FILTER (WHERE won_orders > 0) AS last_won_on,
               coalesce(sum(won_orders), 0) AS won_orders, coalesce(sum(won_revenue), 0) AS won_revenue,
               min(day) FILTER (WHERE interactions > 0) AS first_interaction_on,
               min(day) FILTER (WHERE margin_n > 0) AS margin_first_on
        FROM d GROUP BY golden_id
    ),
    leads AS (
        SELECT u.golden_id, x.lead_on
        FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN kpi_setting s
        CROSS JOIN LATERAL (
            SELECT min((k.changed_at AT TIME ZONE s.zone)::date) AS lead_on
            FROM identity_link l JOIN kpi_lifecycle k USING (source_system, source_entity, source_key)
            WHERE l.golden_id = u.golden_id AND NOT k.snapshot AND k.status IN ('LEAD', 'PROSPECT')) x
        WHERE x.lead_on IS NOT NULL
    ),
    converted AS (
        SELECT le.golden_id, min(d.day) AS converted_on
        FROM leads le JOIN d ON d.golden_id = le.golden_id AND d.won_orders > 0 AND d.day >= le.lead_on
        GROUP BY le.golden_id
    )
    SELECT golden_id, a.first_won_on, a.last_won_on, coalesce(a.won_orders, 0)::int, coalesce(a.won_revenue, 0),
           le.lead_on, c.converted_on, least(le.lead_on, a.first_interaction_on), a.margin_first_on
    FROM agg a FULL JOIN leads le USING (golden_id) LEFT JOIN converted c USING (golden_id)
    -- a customer with only payments, say, has nothing to keep here
    WHERE a.first_won_on IS NOT NULL OR a.won_revenue <> 0 OR le.lead_on IS NOT NULL
       OR a.first_interaction_on IS NOT NULL OR a.margin_first_on IS NOT NULL
$$;

-- What golden customers' rows in kpi_customer contribute to kpi_day: first and last purchases, first costed lines,
-- sales cycles (by the day of the first purchase).
CREATE FUNCTION kpi_customer_contributions(g UUID[]) RETURNS SETOF kpi_day LANGUAGE sql STABLE AS $$
    WITH c AS (
        SELECT c.* FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN LATERAL (SELECT c.* FROM kpi_customer c WHERE c.golden_id = u.golden_id OFFSET 0) c
    )
    SELECT day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           sum(first_buyers), sum(last_buyers), sum(margin_first), sum(cycle_n), sum(cycle_days), 0, 0
    FROM (
        SELECT first_won_on AS day, 1 AS first_buyers, 0 AS last_buyers, 0 AS margin_first,
               CASE WHEN first_contact_on <= first_won_on THEN 1 ELSE 0 END AS cycle_n,
               CASE WHEN first_contact_on <= first_won_on THEN first_won_on - first_contact_on ELSE 0 END AS cycle_days
        FROM c WHERE first_won_on IS NOT NULL
        UNION ALL SELECT last_won_on, 0, 1, 0, 0, 0 FROM c WHERE last_won_on IS NOT NULL
        UNION ALL SELECT margin_first_on, 0, 0, 1, 0, 0 FROM c WHERE margin_first_on IS NOT NULL
    ) e
    GROUP BY day
$$;

-- What golden customers' won days contribute to kpi_day: the start (+1) and end (−1) of each spell in which they
-- count as active (a won order in [e − 365, e) ⇔ e ∈ [d + 1, d + 366)) and in which they count as retained over a year
-- (also one in [e − 730, e − 365) ⇔ e ∈ [d + 366, d + 731)).
CREATE FUNCTION kpi_spell_contributions(g UUID[]) RETURNS SETOF kpi_day LANGUAGE sql STABLE AS $$
    WITH won AS (
        SELECT d.golden_id, d.day
        FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN LATERAL (SELECT d.* FROM kpi_golden_day d WHERE d.golden_id = u.golden_id OFFSET 0) d
        WHERE d.won_orders > 0
    ),
    spells AS (
        SELECT unnest(range_agg(daterange(day + 1, day + 366))) AS active, NULL::daterange AS retained
        FROM won GROUP BY golden_id
        UNION ALL
        SELECT NULL, unnest(range_agg(daterange(day + 1, day + 366)) * range_agg(daterange(day + 366, day + 731)))
        FROM won GROUP BY golden_id
    )
    SELECT day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           sum(active_delta), sum(year_retained_delta)
    FROM (
        SELECT lower(active) AS day, 1 AS active_delta, 0 AS year_retained_delta FROM spells WHERE active IS NOT NULL
        UNION ALL SELECT upper(active), -1, 0 FROM spells WHERE active IS NOT NULL
        UNION ALL SELECT lower(retained), 0, 1 FROM spells WHERE retained IS NOT NULL
        UNION ALL SELECT upper(retained), 0, -1 FROM spells WHERE retained IS NOT NULL
    ) e
    GROUP BY day
$$;

-- Everything golden customers contribute to kpi_day (a report restricted to some customers reads this).
CREATE FUNCTION kpi_day_contributions(g UUID[]) RETURNS SETOF kpi_day LANGUAGE sql STABLE AS $$
    SELECT day, sum(won_orders), sum(won_revenue), sum(won_priced), sum(unconverted), sum(collected), sum(complaints),
           sum(resolved), sum(resolved_seconds), sum(overdue_delta), sum(csat_n), sum(csat_sum), sum(csat_satisfied),
           sum(line_amount), sum(line_amount_n), sum(costed_amount), sum(costed_amount_n), sum(margin), sum(margin_n),
           sum(first_buyers), sum(last_buyers), sum(margin_first), sum(cycle_n), sum(cycle_days), sum(active_delta),
           sum(year_retained_delta)
    FROM (
        SELECT d.day, coalesce(d.won_orders, 0) AS won_orders, coalesce(d.won_revenue, 0) AS won_revenue,
               coalesce(d.won_priced, 0) AS won_priced, coalesce(d.unconverted, 0) AS unconverted,
               coalesce(d.collected, 0) AS collected, coalesce(d.complaints, 0) AS complaints,
               coalesce(d.resolved, 0) AS resolved, coalesce(d.resolved_seconds, 0) AS resolved_seconds,
               coalesce(d.overdue_delta, 0) AS overdue_delta, coalesce(d.csat_n, 0) AS csat_n,
               coalesce(d.csat_sum, 0) AS csat_sum, coalesce(d.csat_satisfied, 0) AS csat_satisfied,
               coalesce(d.line_amount, 0) AS line_amount, coalesce(d.line_amount_n, 0) AS line_amount_n,
               coalesce(d.costed_amount, 0) AS costed_amount, coalesce(d.costed_amount_n, 0) AS costed_amount_n,
               coalesce(d.margin, 0) AS margin, coalesce(d.margin_n, 0) AS margin_n, 0 AS first_buyers,
               0 AS last_buyers, 0 AS margin_first, 0 AS cycle_n, 0 AS cycle_days, 0 AS active_delta,
               0 AS year_retained_delta
        FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN LATERAL (SELECT d.* FROM kpi_golden_day d WHERE d.golden_id = u.golden_id OFFSET 0) d
        UNION ALL SELECT * FROM kpi_customer_contributions(g)
        UNION ALL SELECT * FROM kpi_spell_contributions(g)
    ) x
    GROUP BY day
$$;

-- What golden customers contribute to kpi_period (of one granularity, or of all five when just is NULL).
CREATE FUNCTION kpi_period_contributions(g UUID[], just TEXT DEFAULT NULL) RETURNS SETOF kpi_period
LANGUAGE sql STABLE AS $$
    -- granularities as numbers while sorting (a text sort compares by collation, several times slower)
    WITH b AS (
        SELECT d.golden_id, v.k, v.start, sum(d.won_orders) AS orders
        FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
        CROSS JOIN LATERAL (SELECT d.* FROM kpi_golden_day d WHERE d.golden_id = u.golden_id OFFSET 0) d
        CROSS JOIN LATERAL (VALUES (1, d.day),
                                   (2, date_trunc('week', d.day::timestamp)::date),
                                   (3, date_trunc('month', d.day::timestamp)::date),
                                   (4, date_trunc('quarter', d.day::timestamp)::date),
                                   (5, date_trunc('year', d.day::timestamp)::date)) v(k, start)
        WHERE d.won_orders > 0
          AND (just IS NULL OR v.k = array_position(ARRAY['day', 'week', 'month', 'quarter', 'year'], just))
        GROUP BY d.golden_id, v.k, v.start
    ),
    x AS (
        SELECT k, start, orders, lag(start) OVER (PARTITION BY golden_id, k ORDER BY start) AS before FROM b
    ),
    n AS (
        SELECT k, start, count(*) AS buyers, count(*) FILTER (WHERE orders >= 2) AS repeaters,
               count(*) FILTER (WHERE before = CASE k WHEN 1 THEN start - 1 WHEN 2 THEN start - 7
                                                      WHEN 3 THEN (start - INTERVAL '1 month')::date
                                                      WHEN 4 THEN (start - INTERVAL '3 months')::date
                                                      ELSE (start - INTERVAL '1 year')::date END) AS retained
        FROM x GROUP BY k, start
    )
    SELECT (ARRAY['day', 'week', 'month', 'quarter', 'year'])[k], start, buyers, repeaters, retained FROM n
$$;

CREATE FUNCTION kpi_lead_contributions(g UUID[]) RETURNS SETOF kpi_lead LANGUAGE sql STABLE AS $$
    SELECT lead_on, coalesce(converted_on, 'infinity'::date), count(*)
    FROM (SELECT DISTINCT x FROM unnest(g) x) AS u(golden_id)
    CROSS JOIN LATERAL (SELECT c.* FROM kpi_customer c WHERE c.golden_id = u.golden_id OFFSET 0) c
    WHERE c.lead_on IS NOT NULL
    GROUP BY 1, 2
$$;

-- What a transaction touched, restated at its commit: a day of a customer record ('d': a fact of that day changed), a
-- record's lead-relevant lifecycle ('c'), a record that joined a golden customer ('r') or left one ('m', with the one
-- it left), or a golden customer whole ('f'). Records are resolved to golden customers at commit, not when noted: a
-- link may move in between (another transaction's merge); a record that joined or left moves the days of its facts.
-- Rows live only inside their transaction (the commit trigger deletes them), so a transaction sees only its own;
-- unlogged: nothing here survives a crash that the rollback would not undo anyway.
CREATE UNLOGGED TABLE kpi_dirty (
    golden_id     UUID,
    source_system TEXT,
    source_entity TEXT,
    source_key    TEXT,
    day           DATE,
    what          "char" NOT NULL
);
CREATE UNLOGGED TABLE kpi_dirty_tx (marked BOOLEAN NOT NULL DEFAULT TRUE);

-- Restating one day of a golden customer reads that day's facts of its records, and its complaints (resolution and
-- overdue dates fall on other days than the complaint's).
DROP INDEX kpi_fact_customer_idx;
CREATE INDEX kpi_fact_customer_idx ON kpi_fact (customer_system, customer_entity, customer_key, occurred_on);
CREATE INDEX kpi_fact_complaint_idx ON kpi_fact (customer_system, customer_entity, customer_key)
    WHERE kind = 'COMPLAINT';

-- Recomputes what changed and moves the shared tables by the difference: the days given (or every day of the golden
-- customers given whole) from their facts; the customer rows, and the activity spells and periods where won orders
-- changed, from the days. Serialised per golden customer (advisory locks in their own key space: 1,024 stripes, taken
-- in order), so two transactions restating the same customer take turns and the later one starts from what the
-- earlier one committed.
CREATE FUNCTION kpi_restate(whole UUID[], pair_g UUID[], pair_d DATE[], customers UUID[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    everyone    UUID[];
    old_rows    kpi_golden_day[];
    new_rows    kpi_golden_day[];
    won_changed UUID[];
    cust_changed UUID[];
    rfm_changed UUID[];
    old_days    kpi_day[];
    old_periods kpi_period[];
    old_leads   kpi_lead[];
BEGIN
    whole := ARRAY(SELECT DISTINCT x FROM unnest(coalesce(whole, '{}')) x ORDER BY 1);
    SELECT coalesce(array_agg(u.g ORDER BY u.g, u.d), '{}'), coalesce(array_agg(u.d ORDER BY u.g, u.d), '{}')
    INTO pair_g, pair_d
    FROM (SELECT DISTINCT g, d FROM unnest(coalesce(pair_g, '{}'), coalesce(pair_d, '{}')) AS p(g, d)
          WHERE g <> ALL (whole)) u;
    everyone := ARRAY(SELECT DISTINCT x FROM unnest(whole || pair_g || coalesce(customers, '{}')) x ORDER BY 1);
    IF cardinality(everyone) = 0 THEN
        RETURN;
    END IF;
    -- (a rebuild holds the tables themselves; a stripe per golden customer bounds the locks a transaction takes)
    IF current_setting('kpi.rebuilding', true) IS DISTINCT FROM 'y' THEN
        PERFORM pg_advisory_xact_lock(18, h)
        FROM (SELECT DISTINCT hashtext(x::text) & 1023 AS h FROM unnest(everyone) x ORDER BY 1) k;
    END IF;

    -- (rows are looked up by key one by one: a plan may not scan the table, whatever its statistics say)
    old_rows := ARRAY(SELECT o.r FROM unnest(whole) x
                      CROSS JOIN LATERAL (SELECT d AS r FROM kpi_golden_day d WHERE d.golden_id = x OFFSET 0) o
                      UNION ALL
                      SELECT o.r FROM unnest(pair_g, pair_d) AS p(g, day)
                      CROSS JOIN LATERAL (SELECT d AS r FROM kpi_golden_day d WHERE d.golden_id = p.g AND d.day = p.day
                                          OFFSET 0) o);
    new_rows := ARRAY(SELECT x FROM kpi_golden_days_of(whole) x
                      UNION ALL
                      SELECT x FROM kpi_golden_days_at(pair_g, pair_d) x);

    -- won orders by day changed: activity spells and periods; anything a customer row holds changed: that row
    SELECT coalesce(array_agg(DISTINCT golden_id) FILTER (WHERE won), '{}'),
           coalesce(array_agg(DISTINCT golden_id) FILTER (WHERE won OR revenue), '{}'),
           coalesce(array_agg(DISTINCT golden_id) FILTER (WHERE won OR revenue OR customer), '{}')
    INTO won_changed, rfm_changed, cust_changed
    FROM (
        SELECT golden_id, o.won_orders IS DISTINCT FROM n.won_orders AS won,
               o.won_revenue IS DISTINCT FROM n.won_revenue AS revenue,
               (o.interactions IS NULL) <> (n.interactions IS NULL)
               OR (o.margin_n IS NULL) <> (n.margin_n IS NULL) AS customer
        FROM unnest(old_rows) o FULL JOIN unnest(new_rows) n USING (golden_id, day)
    ) x;
    won_changed := ARRAY(SELECT DISTINCT x FROM unnest(won_changed || whole) x ORDER BY 1);
    cust_changed := ARRAY(SELECT DISTINCT x FROM unnest(cust_changed || whole || coalesce(customers, '{}')) x
                          ORDER BY 1);

    old_days := ARRAY(SELECT x FROM kpi_customer_contributions(cust_changed) x
                      UNION ALL
                      SELECT x FROM kpi_spell_contributions(won_changed) x);
    old_periods := ARRAY(SELECT x FROM kpi_period_contributions(won_changed) x);
    old_leads := ARRAY(SELECT x FROM kpi_lead_contributions(cust_changed) x);

    DELETE FROM kpi_golden_day WHERE golden_id = ANY (whole);
    DELETE FROM kpi_golden_day WHERE ctid = ANY (ARRAY(
        SELECT o.c FROM unnest(pair_g, pair_d) AS p(g, day)
        CROSS JOIN LATERAL (SELECT d.ctid AS c FROM kpi_golden_day d WHERE d.golden_id = p.g AND d.day = p.day
                            OFFSET 0) o));
    INSERT INTO kpi_golden_day SELECT * FROM unnest(new_rows);
    DELETE FROM kpi_customer WHERE golden_id = ANY (cust_changed);
    INSERT INTO kpi_customer SELECT * FROM kpi_customers_of(cust_changed);

    INSERT INTO kpi_day AS t
    SELECT day, sum(won_orders), sum(won_revenue), sum(won_priced), sum(unconverted), sum(collected),
           sum(complaints), sum(resolved), sum(resolved_seconds), sum(overdue_delta), sum(csat_n), sum(csat_sum),
           sum(csat_satisfied), sum(line_amount), sum(line_amount_n), sum(costed_amount), sum(costed_amount_n),
           sum(margin), sum(margin_n), sum(first_buyers), sum(last_buyers), sum(margin_first), sum(cycle_n),
           sum(cycle_days), sum(active_delta), sum(year_retained_delta)
    FROM (
        SELECT day, coalesce(won_orders, 0) AS won_orders, coalesce(won_revenue, 0) AS won_revenue,
               coalesce(won_priced, 0) AS won_priced, coalesce(unconverted, 0) AS unconverted,
               coalesce(collected, 0) AS collected, coalesce(complaints, 0) AS complaints,
               coalesce(resolved, 0) AS resolved, coalesce(resolved_seconds, 0) AS resolved_seconds,
               coalesce(overdue_delta, 0) AS overdue_delta, coalesce(csat_n, 0) AS csat_n,
               coalesce(csat_sum, 0) AS csat_sum, coalesce(csat_satisfied, 0) AS csat_satisfied,
               coalesce(line_amount, 0) AS line_amount, coalesce(line_amount_n, 0) AS line_amount_n,
               coalesce(costed_amount, 0) AS costed_amount, coalesce(costed_amount_n, 0) AS costed_amount_n,
               coalesce(margin, 0) AS margin, coalesce(margin_n, 0) AS margin_n, 0 AS first_buyers, 0 AS last_buyers,
               0 AS margin_first, 0 AS cycle_n, 0 AS cycle_days, 0 AS active_delta, 0 AS year_retained_delta
        FROM unnest(new_rows)
        UNION ALL
        SELECT day, -coalesce(won_orders, 0), -coalesce(won_revenue, 0), -coalesce(won_priced, 0),
               -coalesce(unconverted, 0), -coalesce(collected, 0), -coalesce(complaints, 0), -coalesce(resolved, 0),
               -coalesce(resolved_seconds, 0), -coalesce(overdue_delta, 0), -coalesce(csat_n, 0),
               -coalesce(csat_sum, 0), -coalesce(csat_satisfied, 0), -coalesce(line_amount, 0),
               -coalesce(line_amount_n, 0), -coalesce(costed_amount, 0), -coalesce(costed_amount_n, 0),
               -coalesce(margin, 0), -coalesce(margin_n, 0), 0, 0, 0, 0, 0, 0, 0
        FROM unnest(old_rows)
        UNION ALL
        SELECT * FROM kpi_customer_contributions(cust_changed)
        UNION ALL
        SELECT * FROM kpi_spell_contributions(won_changed)
        UNION ALL
        SELECT day, -won_orders, -won_revenue, -won_priced, -unconverted, -collected, -complaints, -resolved,
               -resolved_seconds, -overdue_delta, -csat_n, -csat_sum, -csat_satisfied, -line_amount, -line_amount_n,
               -costed_amount, -costed_amount_n, -margin, -margin_n, -first_buyers, -last_buyers, -margin_first,
               -cycle_n, -cycle_days, -active_delta, -year_retained_delta
        FROM unnest(old_days)
    ) x
    GROUP BY day
    HAVING sum(won_orders) <> 0 OR sum(won_revenue) <> 0 OR sum(won_priced) <> 0 OR sum(unconverted) <> 0
        OR sum(collected) <> 0 OR sum(complaints) <> 0 OR sum(resolved) <> 0 OR sum(resolved_seconds) <> 0
        OR sum(overdue_delta) <> 0 OR sum(csat_n) <> 0 OR sum(csat_sum) <> 0 OR sum(csat_satisfied) <> 0
        OR sum(line_amount) <> 0 OR sum(line_amount_n) <> 0 OR sum(costed_amount) <> 0 OR sum(costed_amount_n) <> 0
        OR sum(margin) <> 0 OR sum(margin_n) <> 0 OR sum(first_buyers) <> 0 OR sum(last_buyers) <> 0
        OR sum(margin_first) <> 0 OR sum(cycle_n) <> 0 OR sum(cycle_days) <> 0 OR sum(active_delta) <> 0
        OR sum(year_retained_delta) <> 0
    ORDER BY day
    ON CONFLICT (day) DO UPDATE SET
        won_orders = t.won_orders + EXCLUDED.won_orders, won_revenue = t.won_revenue + EXCLUDED.won_revenue,
        won_priced = t.won_priced + EXCLUDED.won_priced, unconverted = t.unconverted + EXCLUDED.unconverted,
        collected = t.collected + EXCLUDED.collected, complaints = t.complaints + EXCLUDED.complaints,
        resolved = t.resolved + EXCLUDED.resolved, resolved_seconds = t.resolved_seconds + EXCLUDED.resolved_seconds,
        overdue_delta = t.overdue_delta + EXCLUDED.overdue_delta, csat_n = t.csat_n + EXCLUDED.csat_n,
        csat_sum = t.csat_sum + EXCLUDED.csat_sum, csat_satisfied = t.csat_satisfied + EXCLUDED.csat_satisfied,
        line_amount = t.line_amount + EXCLUDED.line_amount, line_amount_n = t.line_amount_n + EXCLUDED.line_amount_n,
        costed_amount = t.costed_amount + EXCLUDED.costed_amount,
        costed_amount_n = t.costed_amount_n + EXCLUDED.costed_amount_n, margin = t.margin + EXCLUDED.margin,
        margin_n = t.margin_n + EXCLUDED.margin_n, first_buyers = t.first_buyers + EXCLUDED.first_buyers,
        last_buyers = t.last_buyers + EXCLUDED.last_buyers, margin_first = t.margin_first + EXCLUDED.margin_first,
        cycle_n = t.cycle_n + EXCLUDED.cycle_n, cycle_days = t.cycle_days + EXCLUDED.cycle_days,
        active_delta = t.active_delta + EXCLUDED.active_delta,
        year_retained_delta = t.year_retained_delta + EXCLUDED.year_retained_delta;

    IF cardinality(won_changed) > 0 THEN
        INSERT INTO kpi_period AS t
        SELECT granularity, start, sum(buyers), sum(repeaters), sum(retained)
        FROM (
            SELECT * FROM kpi_period_contributions(won_changed)
            UNION ALL
            SELECT granularity, start, -buyers, -repeaters, -retained FROM unnest(old_periods)
        ) x
        GROUP BY granularity, start
        HAVING sum(buyers) <> 0 OR sum(repeaters) <> 0 OR sum(retained) <> 0
        ORDER BY granularity, start
        ON CONFLICT (granularity, start) DO UPDATE SET buyers = t.buyers + EXCLUDED.buyers,
            repeaters = t.repeaters + EXCLUDED.repeaters, retained = t.retained + EXCLUDED.retained;
    END IF;

    IF cardinality(cust_changed) > 0 THEN
        INSERT INTO kpi_lead AS t
        SELECT lead_on, converted_on, sum(leads)
        FROM (
            SELECT * FROM kpi_lead_contributions(cust_changed)
            UNION ALL
            SELECT lead_on, converted_on, -leads FROM unnest(old_leads)
        ) x
        GROUP BY lead_on, converted_on
        HAVING sum(leads) <> 0
        ORDER BY lead_on, converted_on
        ON CONFLICT (lead_on, converted_on) DO UPDATE SET leads = t.leads + EXCLUDED.leads;

    END IF;

    -- customer scores: only figures RFM ranks by (won orders and their revenue, by day)
    IF cardinality(rfm_changed) + cardinality(whole) > 0
       AND current_setting('kpi.rebuilding', true) IS DISTINCT FROM 'y' THEN
        INSERT INTO kpi_customer_log (golden_id) SELECT DISTINCT unnest(rfm_changed || whole);
    END IF;
END $$;

-- Every golden customer again, in chunks (after a change of zone, SLA or rates, and to fill the tables here).
CREATE FUNCTION kpi_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    chunk UUID[];
BEGIN
    TRUNCATE kpi_golden_day, kpi_customer, kpi_day, kpi_period, kpi_lead, kpi_customer_log;
    PERFORM set_config('kpi.rebuilding', 'y', true);
    FOR chunk IN
        SELECT array_agg(golden_id ORDER BY golden_id)
        FROM (SELECT golden_id, (row_number() OVER (ORDER BY golden_id) - 1) / 20000 AS n
              FROM (SELECT DISTINCT golden_id FROM identity_link) x) y
        GROUP BY n ORDER BY n
    LOOP
        PERFORM kpi_restate(chunk, '{}', '{}', '{}');
    END LOOP;
    PERFORM set_config('kpi.rebuilding', '', true);
    INSERT INTO kpi_customer_log (golden_id) VALUES ('00000000-0000-0000-0000-000000000000');
END $$;

-- The first note of a transaction schedules the restatement at its commit.
CREATE FUNCTION kpi_schedule() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('kpi.dirty', true) IS DISTINCT FROM 'y' THEN
        INSERT INTO kpi_dirty_tx DEFAULT VALUES;
        PERFORM set_config('kpi.dirty', 'y', true);
    END IF;
END $$;

-- The days a record's facts touch (as the fact trigger notes them), for records that joined or left a golden customer.
CREATE FUNCTION kpi_record_days(rs TEXT[], re TEXT[], rk TEXT[])
RETURNS TABLE (source_system TEXT, source_entity TEXT, source_key TEXT, day DATE) LANGUAGE sql STABLE AS $$
    SELECT DISTINCT r.s, r.e, r.k, x.day
    FROM (SELECT DISTINCT s, e, k FROM unnest(rs, re, rk) AS u(s, e, k)) r
    JOIN kpi_fact f ON f.customer_system = r.s AND f.customer_entity = r.e AND f.customer_key = r.k
    CROSS JOIN kpi_setting s
    CROSS JOIN LATERAL (
        SELECT CASE WHEN f.kind = 'COMPLAINT' THEN (f.resolved_at AT TIME ZONE s.zone)::date END AS resolved_on,
               CASE WHEN f.kind = 'COMPLAINT' THEN (greatest(f.occurred_at, least(f.escalated_at,
                   f.occurred_at + make_interval(hours => s.complaint_sla_hours))) AT TIME ZONE s.zone)::date END
                   AS from_on) c
    CROSS JOIN LATERAL (VALUES (f.occurred_on), (c.resolved_on), (c.resolved_on + 1), (c.from_on + 1)) x(day)
    WHERE x.day IS NOT NULL
$$;

-- The golden customers and days the marks stand for, records resolved through the links as they are now; day NULL:
-- the customer's own figures. A record that joined or left counts only if it brings facts or a lead date.
CREATE FUNCTION kpi_resolve(rs TEXT[], re TEXT[], rk TEXT[], rd DATE[], rw "char"[], rg UUID[], ds TEXT[], de TEXT[],
                            dk TEXT[], dd DATE[])
RETURNS TABLE (golden_id UUID, day DATE) LANGUAGE sql STABLE AS $$
    WITH r AS (
        SELECT coalesce(m.g, l.golden_id) AS golden_id, m.s, m.e, m.k, m.day, m.what
        FROM unnest(rs, re, rk, rd, rw, rg) AS m(s, e, k, day, what, g)
        LEFT JOIN identity_link l ON m.what <> 'm' AND l.source_system = m.s AND l.source_entity = m.e
                                 AND l.source_key = m.k
    ),
    record_days AS (SELECT * FROM unnest(ds, de, dk, dd) AS d(s, e, k, day)),
    matters AS (
        SELECT s, e, k FROM record_days
        UNION
        SELECT r.s, r.e, r.k FROM r
        JOIN kpi_lifecycle c ON c.source_system = r.s AND c.source_entity = r.e AND c.source_key = r.k
        WHERE r.what IN ('r', 'm') AND NOT c.snapshot AND c.status IN ('LEAD', 'PROSPECT')
    ),
    moved AS (SELECT r.* FROM r JOIN matters m ON m.s = r.s AND m.e = r.e AND m.k = r.k WHERE r.what IN ('r', 'm'))
    SELECT golden_id, day FROM r WHERE what = 'd' AND golden_id IS NOT NULL
    UNION
    SELECT m.golden_id, d.day FROM moved m JOIN record_days d ON d.s = m.s AND d.e = m.e AND d.k = m.k
    WHERE m.golden_id IS NOT NULL
    UNION
    SELECT golden_id, NULL FROM r WHERE what = 'c' AND golden_id IS NOT NULL
    UNION
    SELECT golden_id, NULL FROM moved WHERE golden_id IS NOT NULL
$$;

CREATE FUNCTION kpi_restate_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    whole     UUID[];
    rs        TEXT[];
    re        TEXT[];
    rk        TEXT[];
    rd        DATE[];
    rw        "char"[];
    rg        UUID[];
    ds        TEXT[];
    de        TEXT[];
    dk        TEXT[];
    dd        DATE[];
    g1        UUID[];
    d1        DATE[];
    g2        UUID[];
    d2        DATE[];
    pair_g    UUID[];
    pair_d    DATE[];
    customers UUID[];
BEGIN
    DELETE FROM kpi_dirty_tx;
    PERFORM set_config('kpi.dirty', '', true);
    WITH d AS (DELETE FROM kpi_dirty RETURNING *)
    SELECT array_agg(DISTINCT golden_id) FILTER (WHERE what = 'f'),
           array_agg(source_system) FILTER (WHERE what <> 'f'), array_agg(source_entity) FILTER (WHERE what <> 'f'),
           array_agg(source_key) FILTER (WHERE what <> 'f'), array_agg(day) FILTER (WHERE what <> 'f'),
           array_agg(what) FILTER (WHERE what <> 'f'), array_agg(golden_id) FILTER (WHERE what <> 'f')
    INTO whole, rs, re, rk, rd, rw, rg
    FROM d;
    SELECT array_agg(source_system), array_agg(source_entity), array_agg(source_key), array_agg(day)
    INTO ds, de, dk, dd
    FROM kpi_record_days(ARRAY(SELECT s FROM unnest(rs, rw) AS x(s, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT e FROM unnest(re, rw) AS x(e, w) WHERE w IN ('r', 'm')),
                         ARRAY(SELECT k FROM unnest(rk, rw) AS x(k, w) WHERE w IN ('r', 'm')));
    -- resolved, locked, and resolved again: a merge that committed in between (and restated without this
    -- transaction's facts, which it could not see) moved them with the record, so both customers are restated
    SELECT array_agg(golden_id), array_agg(day) INTO g1, d1 FROM kpi_resolve(rs, re, rk, rd, rw, rg, ds, de, dk, dd);
    PERFORM pg_advisory_xact_lock(18, h)
    FROM (SELECT DISTINCT hashtext(x::text) & 1023 AS h FROM unnest(coalesce(g1, '{}') || coalesce(whole, '{}')) x
          ORDER BY 1) k;
    SELECT array_agg(golden_id), array_agg(day) INTO g2, d2 FROM kpi_resolve(rs, re, rk, rd, rw, rg, ds, de, dk, dd);
    SELECT coalesce(array_agg(g ORDER BY g, d) FILTER (WHERE d IS NOT NULL), '{}'),
           coalesce(array_agg(d ORDER BY g, d) FILTER (WHERE d IS NOT NULL), '{}'),
           coalesce(array_agg(g) FILTER (WHERE d IS NULL), '{}')
    INTO pair_g, pair_d, customers
    FROM (SELECT DISTINCT g, d FROM unnest(coalesce(g1, '{}') || coalesce(g2, '{}'),
                                           coalesce(d1, '{}') || coalesce(d2, '{}')) AS u(g, d)) x;
    PERFORM kpi_restate(whole, pair_g, pair_d, customers);
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER kpi_restate_at_commit AFTER INSERT ON kpi_dirty_tx
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_restate_dirty();

-- Facts: the days they touch of their customer records (a complaint also its resolution day and the days it becomes
-- and stops being overdue; an order line its order's day).
CREATE FUNCTION kpi_fact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n BIGINT := 0;
    m BIGINT := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, day, what)
        SELECT DISTINCT f.customer_system, f.customer_entity, f.customer_key, x.day, 'd'
        FROM new_facts f
        CROSS JOIN kpi_setting s
        CROSS JOIN LATERAL (
            SELECT CASE WHEN f.kind = 'COMPLAINT' THEN (f.resolved_at AT TIME ZONE s.zone)::date END AS resolved_on,
                   CASE WHEN f.kind = 'COMPLAINT' THEN (greatest(f.occurred_at, least(f.escalated_at,
                       f.occurred_at + make_interval(hours => s.complaint_sla_hours))) AT TIME ZONE s.zone)::date END
                       AS from_on) c
        CROSS JOIN LATERAL (VALUES (f.occurred_on), (c.resolved_on), (c.resolved_on + 1), (c.from_on + 1)) x(day)
        WHERE x.day IS NOT NULL AND f.customer_key IS NOT NULL
        UNION
        SELECT o.customer_system, o.customer_entity, o.customer_key, o.occurred_on, 'd'
        FROM new_facts li
        JOIN kpi_fact o ON o.source_system = li.source_system AND o.source_entity = li.order_entity
                       AND o.source_key = li.order_key
        WHERE li.order_key IS NOT NULL AND o.customer_key IS NOT NULL;
        GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, day, what)
        SELECT DISTINCT f.customer_system, f.customer_entity, f.customer_key, x.day, 'd'
        FROM old_facts f
        CROSS JOIN kpi_setting s
        CROSS JOIN LATERAL (
            SELECT CASE WHEN f.kind = 'COMPLAINT' THEN (f.resolved_at AT TIME ZONE s.zone)::date END AS resolved_on,
                   CASE WHEN f.kind = 'COMPLAINT' THEN (greatest(f.occurred_at, least(f.escalated_at,
                       f.occurred_at + make_interval(hours => s.complaint_sla_hours))) AT TIME ZONE s.zone)::date END
                       AS from_on) c
        CROSS JOIN LATERAL (VALUES (f.occurred_on), (c.resolved_on), (c.resolved_on + 1), (c.from_on + 1)) x(day)
        WHERE x.day IS NOT NULL AND f.customer_key IS NOT NULL
        UNION
        SELECT o.customer_system, o.customer_entity, o.customer_key, o.occurred_on, 'd'
        FROM old_facts li
        JOIN kpi_fact o ON o.source_system = li.source_system AND o.source_entity = li.order_entity
                       AND o.source_key = li.order_key
        WHERE li.order_key IS NOT NULL AND o.customer_key IS NOT NULL;
        GET DIAGNOSTICS m = ROW_COUNT;
    END IF;
    IF n + m > 0 THEN
        PERFORM kpi_schedule();
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER kpi_fact_inserted AFTER INSERT ON kpi_fact
    REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION kpi_fact_changed();
CREATE TRIGGER kpi_fact_updated AFTER UPDATE ON kpi_fact
    REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION kpi_fact_changed();
CREATE TRIGGER kpi_fact_deleted AFTER DELETE ON kpi_fact
    REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION kpi_fact_changed();

-- Lifecycle: only changes that can set a lead date matter, and only to the customer's own figures.
CREATE FUNCTION kpi_lifecycle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n BIGINT := 0;
    m BIGINT := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
        SELECT DISTINCT source_system, source_entity, source_key, 'c'
        FROM new_lifecycle WHERE NOT snapshot AND status IN ('LEAD', 'PROSPECT');
        GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
        SELECT DISTINCT source_system, source_entity, source_key, 'c'
        FROM old_lifecycle WHERE NOT snapshot AND status IN ('LEAD', 'PROSPECT');
        GET DIAGNOSTICS m = ROW_COUNT;
    END IF;
    IF n + m > 0 THEN
        PERFORM kpi_schedule();
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER kpi_lifecycle_inserted AFTER INSERT ON kpi_lifecycle
    REFERENCING NEW TABLE AS new_lifecycle FOR EACH STATEMENT EXECUTE FUNCTION kpi_lifecycle_changed();
CREATE TRIGGER kpi_lifecycle_updated AFTER UPDATE ON kpi_lifecycle
    REFERENCING OLD TABLE AS old_lifecycle NEW TABLE AS new_lifecycle
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_lifecycle_changed();
CREATE TRIGGER kpi_lifecycle_deleted AFTER DELETE ON kpi_lifecycle
    REFERENCING OLD TABLE AS old_lifecycle FOR EACH STATEMENT EXECUTE FUNCTION kpi_lifecycle_changed();

-- Links: a record that joins, leaves or moves between golden customers moves the days of its facts and its lead date
-- with it. Row triggers (the identity batch writes links a row per statement; a WHEN clause skips the re-resolutions
-- that keep the golden customer, in the executor, without calling anything).
CREATE FUNCTION kpi_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO kpi_dirty (golden_id, source_system, source_entity, source_key, what)
        VALUES (OLD.golden_id, OLD.source_system, OLD.source_entity, OLD.source_key, 'm');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kpi_dirty (source_system, source_entity, source_key, what)
        VALUES (NEW.source_system, NEW.source_entity, NEW.source_key, 'r');
    END IF;
    PERFORM kpi_schedule();
    RETURN NULL;
END $$;

CREATE TRIGGER kpi_link_inserted AFTER INSERT ON identity_link FOR EACH ROW EXECUTE FUNCTION kpi_link_changed();
CREATE TRIGGER kpi_link_moved AFTER UPDATE OF golden_id ON identity_link FOR EACH ROW
    WHEN (OLD.golden_id IS DISTINCT FROM NEW.golden_id) EXECUTE FUNCTION kpi_link_changed();
CREATE TRIGGER kpi_link_deleted AFTER DELETE ON identity_link FOR EACH ROW EXECUTE FUNCTION kpi_link_changed();

-- Fill from the facts already stored (with the rates the hub wrote at its last start).
SELECT kpi_rebuild();
