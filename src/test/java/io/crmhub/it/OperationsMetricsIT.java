package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.erp.ErpConnectorProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations metrics on /actuator/prometheus after real activity: an ERP change shows the CDC lag, a bad ERP
 * row raises the dead-letter depth, a file waiting in the shop inbox is backlog until the route takes it, an OA
 * watermark has an age; Camel's per-route exchange counters, identity decisions and KPI freshness are there too.
 */
@HubIntegrationTest
class OperationsMetricsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SHOP_ROUTE = "shop-files-ingest";
    static final ShopInbox INBOX = new ShopInbox();

    @DynamicPropertySource
    static void shop(DynamicPropertyRegistry registry) {
        registry.add("hub.connectors.shop.enabled", () -> "true");
        registry.add("hub.connectors.shop.inbox", () -> INBOX.dir().toString());
    }

    @LocalManagementPort
    int managementPort;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    ErpConnectorProperties erpProperties;
    @Autowired
    CamelContext camel;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        crm.update("DELETE FROM dead_letter WHERE source_entity = 'payment_receipts' AND raw_record LIKE ?",
                "%MX-" + run + "%");
        crm.update("DELETE FROM oa_watermark WHERE entity = ?", "it-" + run);
    }

    @Test
    void cdcLagAndCamelRouteCountersFollowAnErpChange() {
        try (ErpDatabase erp = new ErpDatabase(erpProperties)) {
            await().atMost(TIMEOUT).until(erp::isStreaming);
            long id = erp.insert("customers", Map.of("customer_no", "MX-" + run, "kind", "P", "name", "指标测试",
                    "mobile", "13700137000", "status", "LEAD"));
            await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM customer_record "
                    + "WHERE source_system = 'erp' AND source_key = ?", Long.class, String.valueOf(id)) == 1);
        }
        PrometheusScrape m = scrape();
        assertThat(m.value("hub_source_lag_seconds", "source=\"erp\"")).get().satisfies(
                lag -> assertThat(lag).isBetween(0.0, 30.0));
        assertThat(m.value("hub_source_capture_lag_seconds_count", "source=\"erp\"")).get()
                .satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
        assertThat(m.value("hub_cdc_connected", "source=\"erp\"")).contains(1.0);
        assertThat(m.value("hub_cdc_milliseconds_behind_source", "source=\"erp\"")).get()
                .satisfies(ms -> assertThat(ms).isBetween(0.0, 30_000.0));
        // Camel's route policy counts every route's exchanges; no hub_* duplicate of it exists
        assertThat(m.sum("camel_exchanges_total", "routeId=\"erp-cdc-capture\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(m.sum("camel_exchanges_total", "routeId=\"canonical-store-apply\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(m.value("camel_exchanges_failed_total", "routeId=\"erp-cdc-capture\"")).isPresent();
        assertThat(m.value("camel_exchanges_inflight", "routeId=\"erp-cdc-capture\"")).isPresent();
        // endpoint calls stay timed (the capture's batch went to direct:canonical-publish, then to Kafka); created and
        // completed exchanges are not (CamelExchangeMetrics: camel-micrometer searched the registry for each)
        assertThat(m.sum("camel_exchange_event_notifier_seconds_count",
                "eventType=\"ExchangeSentEvent\"")).isGreaterThanOrEqualTo(2.0);
        assertThat(m.sum("camel_exchange_event_notifier_seconds_count", "eventType=\"ExchangeCompletedEvent\""))
                .isZero();
        assertThat(m.names("hub_identity_")).contains("hub_identity_decisions_total", "hub_identity_largest_cluster");
        assertThat(m.names("hub_kpi_freshness_seconds")).isNotEmpty();
        // the change's store batch: how long its oldest and newest events waited from publish to batch start
        for (String event : List.of("oldest", "newest")) {
            String label = "event=\"" + event + "\"";
            double batches = m.value("hub_store_batch_queued_seconds_count", label).orElse(0.0);
            assertThat(batches).as(event).isGreaterThanOrEqualTo(1.0);
            assertThat(m.value("hub_store_batch_queued_seconds_sum", label)).get().satisfies(
                    waited -> assertThat(waited).as(event).isBetween(0.0, 30.0 * batches));
        }
        // store batches counted by duration, so that the long ones behind a latency tail show; the last bucket holds
        // every batch
        double storeBatches = m.value("hub_store_batch_duration_seconds_count", "").orElse(0.0);
        assertThat(storeBatches).isGreaterThanOrEqualTo(1.0);
        assertThat(m.value("hub_store_batch_duration_seconds_bucket", "le=\"0.5\"")).isPresent();
        assertThat(m.value("hub_store_batch_duration_seconds_bucket", "le=\"+Inf\"")).contains(storeBatches);
    }

    @Test
    void aDeadLetterRaisesTheDepthAndHasAnAge() {
        try (ErpDatabase erp = new ErpDatabase(erpProperties)) {
            await().atMost(TIMEOUT).until(erp::isStreaming);
            erp.insert("payment_receipts", Map.of("receipt_no", "MX-" + run, "customer_id", 1, "amount", "12,3a",
                    "currency", "CNY", "paid_at", "2024/6/4", "method", "BANK"));
        }
        await().atMost(TIMEOUT).until(() -> newDeadLetters("AND raw_record LIKE '%MX-" + run + "%'") == 1);
        long depth = newDeadLetters("");
        double oldestAge = crm.queryForObject("SELECT extract(epoch FROM clock_timestamp() - min(created_at)) "
                + "FROM dead_letter WHERE status = 'NEW'", Double.class);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            PrometheusScrape m = scrape();
            assertThat(m.value("hub_dead_letters_depth")).contains((double) depth);
            assertThat(m.value("hub_dead_letters_oldest_age_seconds")).get()
                    .satisfies(age -> assertThat(age).isBetween(oldestAge - 1, oldestAge + 60));
        });
    }

    @Test
    void aFileWaitingInTheShopInboxIsBacklogUntilTheRouteTakesIt() throws Exception {
        await().atMost(TIMEOUT).until(() -> scrape().value("hub_inbox_backlog_files", "source=\"shop\""),
                v -> v.isPresent() && v.get() == 0.0);
        // the inbox route paused (as while no pod leads it): the file waits
        camel.getRouteController().stopRoute(SHOP_ROUTE);
        String name = "orders-empty-" + run + ".csv";
        INBOX.drop("orders-empty.csv", name);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            PrometheusScrape m = scrape();
            assertThat(m.value("hub_inbox_backlog_files", "source=\"shop\"")).contains(1.0);
            assertThat(m.value("hub_inbox_oldest_file_age_seconds", "source=\"shop\"")).get()
                    .satisfies(age -> assertThat(age).isBetween(0.0, 30.0));
        });
        camel.getRouteController().startRoute(SHOP_ROUTE);
        INBOX.awaitFile(INBOX.error(name));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            PrometheusScrape m = scrape();
            assertThat(m.value("hub_inbox_backlog_files", "source=\"shop\"")).contains(0.0);
            assertThat(m.value("hub_inbox_oldest_file_age_seconds", "source=\"shop\"")).contains(0.0);
        });
    }

    @Test
    void everyOaWatermarkHasAnAge() {
        String entity = "it-" + run;
        crm.update("INSERT INTO oa_watermark (entity, modified_at, last_id) VALUES (?, ?, 'x')", entity,
                java.sql.Timestamp.from(Instant.now().minusSeconds(120)));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(scrape().value("hub_oa_watermark_age_seconds",
                "entity=\"" + entity + "\"")).get().satisfies(age -> assertThat(age).isBetween(119.0, 180.0)));
    }

    private long newDeadLetters(String condition) {
        return crm.queryForObject("SELECT count(*) FROM dead_letter WHERE status = 'NEW' " + condition, Long.class);
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(managementPort);
    }
}
