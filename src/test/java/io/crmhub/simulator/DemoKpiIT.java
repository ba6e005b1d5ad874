package io.crmhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.connector.oa.OaEntity;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.OaSimulatorSupport;
import io.crmhub.it.TestPartners;
import io.crmhub.simulator.oa.OaSimulator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo as a new user meets it: the local-sized ERP and OA seeds (two years of orders, payments, tickets, surveys
 * and visits) reach the store, and the KPI example of README.md and docs/demo.md (last calendar year, by quarter;
 * here also as a year) answers with figures a business would recognise. Own ERP and CRM databases (and replication slot), so the seed is the
 * local one, not what other ITs left in the shared embedded PostgreSQL.
 */
@HubIntegrationTest
// Read by the embedded servers' environment post-processor, which runs before @DynamicPropertySource values exist:
// set there, the databases stayed the shared crm/erp and the test only passed in a fresh JVM.
@org.springframework.test.context.TestPropertySource(properties = {
    "hub.embedded.crm-database=crm_demo", "hub.embedded.erp-database=erp_demo"})
class DemoKpiIT {

    private static final int OA_PORT = OaSimulatorSupport.freePort();
    private static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("hub.connectors.erp.slot-name", () -> "crm_hub_erp_demo");
        registry.add("hub.simulator.erp.seed-customers", () -> 200);
        registry.add("hub.simulator.erp.seed-orders", () -> 1200);
        registry.add("hub.simulator.oa.enabled", () -> "true");
        registry.add("hub.simulator.oa.port", () -> OA_PORT);
        registry.add("hub.simulator.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.simulator.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.simulator.oa.seed-contacts", () -> 120);
        registry.add("hub.simulator.oa.history-days", () -> 830);
        registry.add("hub.simulator.oa.changes-per-second", () -> 0);
        registry.add("hub.connectors.oa.enabled", () -> "true");
        registry.add("hub.connectors.oa.url", () -> "http://localhost:" + OA_PORT + "/oa");
        registry.add("hub.connectors.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.connectors.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.connectors.oa.poll-interval-ms", () -> 200);
    }

    @Autowired
    JdbcTemplate crm;
    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    OaSimulator oa;
    @Autowired
    TestRestTemplate http;

    @Autowired
    org.apache.camel.CamelContext camel;

    /**
     * This test's own replication slot would otherwise stay behind, inactive, once its hub is gone, and hold back the
     * write-ahead log of the shared embedded PostgreSQL for the rest of the suite: capture stops, the slot goes.
     */
    @org.junit.jupiter.api.AfterEach
    void dropOwnSlot() throws Exception {
        camel.getRouteController().stopRoute("erp-cdc-capture");
        JdbcTemplate erp = erp();
        await().atMost(Duration.ofSeconds(30)).until(() -> erp.queryForObject(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND active", Long.class,
                erpProps.slotName()) == 0);
        erp.queryForList("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?",
                erpProps.slotName());
    }

    private JdbcTemplate erp() {
        return new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://" + erpProps.host() + ":"
                + erpProps.port() + "/" + erpProps.database(), erpProps.user(), erpProps.password()));
    }

    @Test
    void theReadmeKpiExampleShowsABusinessInEveryQuarterOfLastYear() {
        awaitSeedInStore();
        int year = LocalDate.now(OFFICE).getYear() - 1;

        JsonNode quarters = kpis("from=" + year + "-01-01&to=" + year + "-12-31&granularity=quarter").at("/periods");
        assertThat(quarters).hasSize(4);
        for (JsonNode q : quarters) {
            String p = q.at("/period").asText();
            assertThat(q.at("/revenue").asDouble()).as(p + " revenue").isPositive();
            assertThat(q.at("/orders").asInt()).as(p + " orders").isGreaterThan(30);
            assertThat(q.at("/buyers").asInt()).as(p + " buyers").isGreaterThan(20);
            assertThat(q.at("/activeCustomers").asInt()).as(p + " active").isGreaterThanOrEqualTo(q.at("/buyers").asInt());
            assertThat(q.at("/churnRate").asDouble()).as(p + " churn").isBetween(0.0, 0.5);
            assertThat(q.at("/retentionRate").asDouble()).as(p + " retention").isGreaterThan(0.5);
            assertThat(q.at("/collected").asDouble()).as(p + " collected").isPositive();
            // a quarter after a stronger one may collect a little more than it sold; never ten times as much
            assertThat(q.at("/collectionRate").asDouble()).as(p + " collection rate").isBetween(0.5, 1.1);
            assertThat(q.at("/dso").asDouble()).as(p + " DSO").isBetween(5.0, 120.0);
            assertThat(q.at("/complaints").asInt()).as(p + " complaints").isPositive();
            assertThat(q.at("/averageResolutionHours").asDouble()).as(p + " resolution hours").isPositive();
            // a quarter of the first year holds a dozen surveys or so: its average may stray far from the mean
            assertThat(q.at("/csatAverage").asDouble()).as(p + " CSAT").isBetween(2.5, 5.0);
            assertThat(q.at("/margin").asDouble()).as(p + " margin").isPositive();
        }

        JsonNode wholeYear = kpis("from=" + year + "-01-01&to=" + year + "-12-31&granularity=year").at("/periods/0");
        assertThat(wholeYear.at("/collectionRate").asDouble()).as("collection rate of the year").isBetween(0.7, 1.0);
        // scores lean to 4 and 5, about 3.9 on average: a year's surveys average close to that
        assertThat(wholeYear.at("/csatAverage").asDouble()).as("CSAT of the year").isBetween(3.3, 4.5);
        assertThat(wholeYear.at("/churnRate").asDouble()).as("churn of the year").isBetween(0.0, 0.5);
        assertThat(wholeYear.at("/salesGrowth").asDouble()).as("growth over the year before").isPositive();
        assertThat(wholeYear.at("/salesCycleDays").isNumber()).as("sales cycle of the year").isTrue();
        assertThat(wholeYear.at("/clvPredictive").asDouble()).as("predictive CLV").isPositive();
    }

    /** Every seeded ERP order and receipt and every OA interaction applied (the seeds are all there is: no trickle). */
    private void awaitSeedInStore() {
        assertThat(erpProps.database()).as("the test's own ERP database").isEqualTo("erp_demo");
        assertThat(crm.queryForObject("SELECT current_database()", String.class)).isEqualTo("crm_demo");
        JdbcTemplate erp = erp();
        long orders = erp.queryForObject("SELECT count(*) FROM sales_orders", Long.class);
        long receipts = erp.queryForObject("SELECT count(*) FROM payment_receipts", Long.class);
        long interactions = oa.simulation().data().count(OaEntity.TICKETS) + oa.simulation().data().count(OaEntity.SURVEYS)
                + oa.simulation().data().count(OaEntity.VISITS) + oa.simulation().data().count(OaEntity.CONTRACTS);
        assertThat(orders).isGreaterThan(1000);
        assertThat(interactions).isGreaterThan(500);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(count("order_record", "erp")).isEqualTo(orders);
            assertThat(count("payment_record", "erp")).isEqualTo(receipts);
            assertThat(count("interaction_record", "oa")).isEqualTo(interactions);
        });
    }

    private long count(String table, String system) {
        return crm.queryForObject("SELECT count(*) FROM " + table + " WHERE source_system = ?", Long.class, system);
    }

    private JsonNode kpis(String query) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TestPartners.HEADER, TestPartners.STEWARD);
        ResponseEntity<JsonNode> reply = http.exchange("/api/v1/kpis?" + query, HttpMethod.GET,
                new HttpEntity<>(headers), JsonNode.class);
        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.OK);
        return reply.getBody();
    }
}
