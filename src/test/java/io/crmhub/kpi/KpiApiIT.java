package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crmhub.canonical.CanonicalEvent;
import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.ChangeOp;
import io.crmhub.canonical.EntityType;
import io.crmhub.canonical.SourceRef;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.TestPartners;
import io.crmhub.store.CanonicalStore;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The KPI API end to end: an order applied by the store is in the indicators as soon as the store committed
 * it, in the period of its business date, per golden customer; bad requests get a specific problem. The full
 * formula-by-formula check is KpiCorrectnessIT.
 */
@HubIntegrationTest
class KpiApiIT {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());

    @Autowired
    CanonicalStore store;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    KpiGauges gauges;
    @Autowired
    KpiMarks marks;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @org.springframework.beans.factory.annotation.Value("${local.management.port}")
    int managementPort;

    @Test
    void anAppliedOrderIsInTheIndicatorsOfItsBusinessDateAtOnce() {
        String customer = "K-" + UUID.randomUUID();
        apply(EntityType.CUSTOMER, "customers", customer, ChangeOp.CREATE, CanonicalJson.mapper().createObjectNode()
                .put("kind", "PERSON").put("name", "KPI " + customer).put("lifecycleStatus", "LEAD"));
        JsonNode before = kpis("/api/v1/kpis?from=2039-03-01&to=2039-03-31&granularity=month").getBody();
        double revenueBefore = before.at("/periods/0/revenue").asDouble();

        apply(EntityType.ORDER, "orders", "O-" + UUID.randomUUID(), ChangeOp.CREATE, order(customer, "2039-03-15",
                "USD", "100.00"));
        JsonNode after = kpis("/api/v1/kpis?from=2039-03-01&to=2039-03-31&granularity=month").getBody();
        assertThat(after.at("/periods/0/period").asText()).isEqualTo("2039-03");
        assertThat(after.at("/periods/0/revenue").asDouble() - revenueBefore).isEqualTo(710.0); // 100 USD × 7.10
        assertThat(after.at("/baseCurrency").asText()).isEqualTo("CNY");

        UUID golden = crm.queryForObject("SELECT golden_id FROM identity_link WHERE source_key = ?", UUID.class,
                customer);
        JsonNode mine = kpis("/api/v1/kpis?from=2039-01-01&to=2039-12-31&granularity=quarter&goldenId=" + golden)
                .getBody();
        assertThat(mine.at("/periods").size()).isEqualTo(4);
        assertThat(mine.at("/periods/0/period").asText()).isEqualTo("2039-Q1");
        assertThat(mine.at("/periods/0/orders").asLong()).isEqualTo(1);
        assertThat(mine.at("/periods/0/buyers").asLong()).isEqualTo(1);
        assertThat(mine.at("/periods/1/revenue").asDouble()).isZero();
        assertThat(mine.at("/periods/1/retentionRate").asDouble()).isZero(); // bought in Q1, not in Q2
        assertThat(mine.at("/periods/0/newLeads").asLong()).isZero(); // the lead came in 2024-06, not 2039
        JsonNode value = kpis("/api/v1/kpis/customers/" + golden + "?asOf=2039-12-31").getBody();
        assertThat(value.at("/revenue").asDouble()).isEqualTo(710.0);
        assertThat(value.at("/recencyDays").asLong()).isEqualTo(291);
    }

    @Test
    void theHubVacuumsTheMarksEachCommitDeletesSoThatTheNextCommitDoesNotReadThem() {
        double vacuumedBefore = registry.counter("hub.kpi.marks.vacuums").count();
        String customer = "K-" + UUID.randomUUID();
        apply(EntityType.CUSTOMER, "customers", customer, ChangeOp.CREATE, CanonicalJson.mapper().createObjectNode()
                .put("kind", "PERSON").put("name", "KPI " + customer).put("lifecycleStatus", "CUSTOMER"));
        for (int i = 0; i < 20; i++) { // twenty transactions, each marking its order's day and deleting the marks
            apply(EntityType.ORDER, "orders", "O-" + UUID.randomUUID(), ChangeOp.CREATE,
                    order(customer, "2037-03-" + (10 + i), "CNY", "10.00"));
        }
        // the route (every hub.kpi.marks-vacuum-ms) vacuums the dead marks away: the table is truncated to nothing
        org.awaitility.Awaitility.await("kpi_dirty vacuumed by the hub").atMost(java.time.Duration.ofSeconds(60))
                .until(() -> registry.counter("hub.kpi.marks.vacuums").count() > vacuumedBefore
                        && crm.queryForObject("SELECT pg_relation_size('kpi_dirty')", Long.class) == 0);
        // and an empty table is left alone (another writer may add a page in between: then a later call finds none)
        org.awaitility.Awaitility.await("a vacuum skipped on an empty table").atMost(java.time.Duration.ofSeconds(60))
                .until(() -> !marks.vacuum());
        assertThat(crm.queryForObject("SELECT count(*) FROM kpi_dirty", Long.class)).isZero();
    }

    @Test
    void aVacuumTheDatabaseRefusesIsNeitherCountedNorAnError() throws Exception {
        String url = crm.getDataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
        crm.execute("DROP ROLE IF EXISTS kpi_not_owner");
        crm.execute("CREATE ROLE kpi_not_owner LOGIN PASSWORD 'not-owner'");
        var asNotOwner = new org.springframework.jdbc.datasource.SingleConnectionDataSource(url, "kpi_not_owner",
                "not-owner", true);
        // a mark held by an open transaction: the table keeps a page, so the vacuum is tried, not skipped as empty
        try (java.sql.Connection holder = crm.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("INSERT INTO kpi_dirty (what) VALUES ('d')");
            assertThat(crm.queryForObject("SELECT pg_relation_size('kpi_dirty')", Long.class)).isPositive();
            KpiMarks notOwner = new KpiMarks(new JdbcTemplate(asNotOwner),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            assertThat(notOwner.vacuum()).isFalse();
            assertThat(notOwner.vacuum()).isFalse(); // reported once, refused every time
            holder.rollback();
        } finally {
            asNotOwner.destroy();
            crm.execute("DROP ROLE kpi_not_owner");
        }
    }

    @Test
    void marginCountsOnlyLinesWhoseCostIsKnown() {
        String customer = "K-" + UUID.randomUUID();
        apply(EntityType.CUSTOMER, "customers", customer, ChangeOp.CREATE, CanonicalJson.mapper().createObjectNode()
                .put("kind", "PERSON").put("name", "KPI " + customer).put("lifecycleStatus", "CUSTOMER"));
        String order = "O-" + UUID.randomUUID();
        apply(EntityType.ORDER, "orders", order, ChangeOp.CREATE, order(customer, "2038-05-10", "USD", "100.00"));
        apply(EntityType.ORDER_LINE, "order-lines", order + "-1", ChangeOp.CREATE, line(order, "2", "60.00", "20"));
        apply(EntityType.ORDER_LINE, "order-lines", order + "-2", ChangeOp.CREATE, line(order, "1", "40.00", null));
        UUID golden = crm.queryForObject("SELECT golden_id FROM identity_link WHERE source_key = ?", UUID.class,
                customer);

        JsonNode p = kpis("/api/v1/kpis?from=2038-05-01&to=2038-05-31&goldenId=" + golden).getBody().at("/periods/0");
        assertThat(p.at("/margin").asDouble()).isCloseTo(142.0, within(1e-9)); // (60 − 2 × 20) USD × 7.10
        assertThat(p.at("/costCoverage").asDouble()).isCloseTo(0.6, within(1e-9)); // 60 of 100 costed
        assertThat(p.at("/clvMarginHistorical").asDouble()).isCloseTo(142.0, within(1e-9));
    }

    @Test
    void theCurrentMonthsHeadlineIndicatorsAreGaugesOnTheManagementPort() throws Exception {
        String customer = "K-" + UUID.randomUUID();
        apply(EntityType.CUSTOMER, "customers", customer, ChangeOp.CREATE, CanonicalJson.mapper().createObjectNode()
                .put("kind", "PERSON").put("name", "KPI " + customer).put("lifecycleStatus", "CUSTOMER"));
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        apply(EntityType.ORDER, "orders", "O-" + UUID.randomUUID(), ChangeOp.CREATE, order(customer, today, "CNY",
                "123.45"));
        double served = kpis("/api/v1/kpis?granularity=month&from=" + today + "&to=" + today).getBody()
                .at("/periods/0/revenue").asDouble(); // the month around today, as the gauge counts it
        gauges.refresh(); // what the kpi-gauges-refresh route does every hub.kpi.gauge-refresh-ms

        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(gauge(metrics, "hub_kpi_revenue")).isEqualTo(served);
        assertThat(gauge(metrics, "hub_kpi_buyers")).isPositive();
        assertThat(gauge(metrics, "hub_kpi_freshness_seconds")).isBetween(0.0, 60.0);
        assertThat(metrics).contains("hub_kpi_retention_rate", "hub_kpi_dso", "hub_kpi_csat_average");
    }

    @Test
    void aCustomersFactsAreFoundByIndexAndOrderLinesTakeNoEntryInTheCustomerIndex() {
        // The restatement reads a customer's facts of a day by equality, with generic plans (V24); the index holds
        // only facts with a customer (V32), which an equality on the customer implies. The test store is too small
        // for the planner to prefer an index on its own: sequential scans are priced out.
        String plan = new org.springframework.transaction.support.TransactionTemplate(transactions).execute(s -> {
            crm.execute("SET LOCAL enable_seqscan = off");
            crm.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            crm.execute("PREPARE facts_of_day(text, text, text, date) AS SELECT * FROM kpi_fact f "
                    + "WHERE f.customer_system = $1 AND f.customer_entity = $2 AND f.customer_key = $3 "
                    + "AND f.occurred_on = $4");
            try {
                return String.join("\n", crm.queryForList(
                        "EXPLAIN EXECUTE facts_of_day('erp', 'customers', 'C-1', '2026-12-07')", String.class));
            } finally {
                crm.execute("DEALLOCATE facts_of_day");
            }
        });
        assertThat(plan).contains("kpi_fact_customer_idx").doesNotContain("Seq Scan");
        assertThat(crm.queryForObject("SELECT pg_get_indexdef('kpi_fact_customer_idx'::regclass)", String.class))
                .contains("WHERE (customer_key IS NOT NULL)");
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + "{")).map(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void anEmptyPeriodHasCountsOfZeroAndNoRates() {
        JsonNode empty = kpis("/api/v1/kpis?from=2099-02-01&to=2099-02-28&granularity=month").getBody();
        JsonNode p = empty.at("/periods/0");
        assertThat(p.at("/revenue").asDouble()).isZero();
        assertThat(p.at("/buyers").asLong()).isZero();
        assertThat(p.at("/retentionRate").isNull()).isTrue();
        assertThat(p.at("/repeatPurchaseRate").isNull()).isTrue();
        assertThat(p.at("/collectionRate").isNull()).isTrue();
        assertThat(p.at("/csatAverage").isNull()).isTrue();
    }

    @Test
    void theIndicatorsNeedAKeyWithTheKpiScope() {
        assertThat(http.getForEntity("/api/v1/kpis?from=2039-01-01&to=2039-01-31", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        org.springframework.http.HttpHeaders reader = new org.springframework.http.HttpHeaders();
        reader.set(TestPartners.HEADER, TestPartners.READER); // customers:read only
        assertThat(http.exchange("/api/v1/kpis?from=2039-01-01&to=2039-01-31", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(reader), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void badRequestsGetASpecificProblem() {
        ResponseEntity<JsonNode> granularity = kpis("/api/v1/kpis?from=2039-01-01&to=2039-02-01&granularity=fortnight");
        assertThat(granularity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(granularity.getBody().at("/detail").asText()).contains("granularity").contains("fortnight");
        ResponseEntity<JsonNode> reversed = kpis("/api/v1/kpis?from=2039-02-01&to=2039-01-01");
        assertThat(reversed.getBody().at("/detail").asText()).contains("is after");
        ResponseEntity<JsonNode> missing = kpis("/api/v1/kpis?to=2039-01-01");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().at("/detail").asText()).contains("from");
        ResponseEntity<JsonNode> unknown = kpis("/api/v1/kpis/customers/" + UUID.randomUUID());
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        ResponseEntity<JsonNode> segment = kpis("/api/v1/kpis?from=2039-01-01&to=2039-02-01&segment=vip");
        assertThat(segment.getBody().at("/detail").asText()).contains("champions");
    }

    private ResponseEntity<JsonNode> kpis(String path) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.set(TestPartners.HEADER, TestPartners.ACME); // kpis:read
        return http.exchange(path, org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), JsonNode.class);
    }

    private static ObjectNode order(String customer, String date, String currency, String amount) {
        ObjectNode o = CanonicalJson.mapper().createObjectNode().put("orderNumber", "SO-" + UUID.randomUUID())
                .put("orderDate", date).put("status", "CONFIRMED").put("currency", currency).put("totalAmount", amount);
        o.putObject("customer").put("system", "kpi").put("entity", "customers").put("key", customer);
        return o;
    }

    private static ObjectNode line(String order, String quantity, String amount, String unitCost) {
        ObjectNode l = CanonicalJson.mapper().createObjectNode().put("lineNumber", 1).put("sku", "SKU-1")
                .put("quantity", quantity).put("unitPrice", "1").put("amount", amount);
        if (unitCost != null) {
            l.put("unitCost", unitCost);
        }
        l.putObject("order").put("system", "kpi").put("entity", "orders").put("key", order);
        return l;
    }

    private void apply(EntityType type, String entity, String key, ChangeOp op, ObjectNode payload) {
        long seq = SEQUENCE.incrementAndGet();
        SourceRef src = new SourceRef("kpi", entity, key, "pos-" + seq, seq);
        store.apply(new CanonicalEvent(CanonicalEvent.eventIdFor(src, op), CanonicalEvent.typeFor(type, op),
                CanonicalEvent.SCHEMA_VERSION, type, op, src, "kpi@1", Instant.parse("2024-06-04T05:00:00Z"),
                Instant.now(), payload, null));
    }
}
