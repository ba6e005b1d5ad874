package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Stop the hub, change the ERP while it is down, start it again: every change is applied exactly once,
 * resumed from the offsets stored in the CRM database (not from memory, not from a new snapshot).
 */
class HubRestartIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void changesMadeWhileTheHubIsDownAreAppliedExactlyOnceAfterRestart() {
        ConfigurableApplicationContext hub = startHub();
        ErpConnectorProperties erpProps = hub.getBean(ErpConnectorProperties.class);
        Environment env = hub.getEnvironment();
        try (ErpDatabase erp = new ErpDatabase(erpProps); CrmConnection crm = new CrmConnection(env)) {
            await().atMost(TIMEOUT).until(erp::isStreaming);
            String run = UUID.randomUUID().toString().substring(0, 6);
            long before = erp.insert("customers", customer(run + "-before", 0));
            awaitCount(crm.jdbc, "SELECT count(*) FROM customer_record WHERE source_key = '" + before + "'", 1);

            hub.close();
            await().atMost(TIMEOUT).until(() -> !erp.isStreaming());

            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(erp.insert("customers", customer(run + "-" + i, i)));
            }
            for (int i = 0; i < 10; i++) {
                erp.update("UPDATE customers SET email = ? WHERE id = ?", "changed" + i + "@example.com", ids.get(i));
            }
            for (int i = 25; i < 30; i++) {
                erp.update("DELETE FROM customers WHERE id = ?", ids.get(i));
            }
            String keys = ids.stream().map(id -> "'" + id + "'").reduce((a, b) -> a + "," + b).orElseThrow();

            hub = startHub();
            MeterRegistry registry = hub.getBean(MeterRegistry.class);
            // 30 inserts + 10 updates + 5 deletes, each applied once
            awaitCount(crm.jdbc, "SELECT count(*) FROM change_log WHERE source_system = 'erp' AND source_entity = 'customers' AND source_key IN ("
                    + keys + ")", 45);
            long after = erp.insert("customers", customer(run + "-after", 99));
            awaitCount(crm.jdbc, "SELECT count(*) FROM customer_record WHERE source_key = '" + after + "'", 1);

            assertThat(count(crm.jdbc, "SELECT count(*) FROM change_log WHERE source_system = 'erp' AND source_entity = 'customers' "
                    + "AND source_key IN (" + keys + ")")).isEqualTo(45);
            assertThat(count(crm.jdbc, "SELECT count(*) FROM customer_record WHERE source_system = 'erp' AND source_key IN (" + keys + ")"))
                    .isEqualTo(30);
            assertThat(count(crm.jdbc, "SELECT count(*) FROM customer_record WHERE deleted_at IS NOT NULL "
                    + "AND source_key IN (" + keys + ")")).isEqualTo(5);
            for (int i = 0; i < 10; i++) {
                assertThat(crm.jdbc.queryForObject("SELECT payload->'emails'->>0 FROM customer_record "
                        + "WHERE source_key = ?", String.class, String.valueOf(ids.get(i))))
                        .isEqualTo("changed" + i + "@example.com");
            }
            // resumed from stored offsets: the restart did not re-snapshot the ERP
            assertThat(count(crm.jdbc, "SELECT count(*) FROM change_log WHERE source_system = 'erp' AND source_entity = 'customers' "
                    + "AND source_key = '" + before + "'")).isEqualTo(1);
            assertThat(count(crm.jdbc, "SELECT count(*) FROM hub_cdc_offsets")).isPositive();
            // after a clean stop both the CDC offsets and the store consumer's Kafka offsets were committed:
            // the restarted hub re-read nothing it had already applied
            assertThat(registry.find("hub.store.events").tag("outcome", "duplicate").counters().stream()
                    .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isZero();
        } finally {
            hub.close();
        }
    }

    private static ConfigurableApplicationContext startHub() {
        return new SpringApplicationBuilder(CrmHubApplication.class).profiles("local", "test").run();
    }

    private static Map<String, Object> customer(String number, int i) {
        return Map.of("customer_no", "R-" + number, "kind", "P", "name", "重启测试" + i,
                "mobile", "13800138" + String.format("%03d", i), "email", "r" + i + "@example.com", "status", "LEAD");
    }

    private static void awaitCount(JdbcTemplate jdbc, String sql, long expected) {
        await().atMost(TIMEOUT).until(() -> count(jdbc, sql) >= expected);
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** A connection to the CRM store that outlives the hub's own pool across the restart. */
    private static final class CrmConnection implements AutoCloseable {
        final SingleConnectionDataSource ds;
        final JdbcTemplate jdbc;

        CrmConnection(Environment env) {
            ds = new SingleConnectionDataSource(env.getProperty("spring.datasource.url"),
                    env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"), true);
            jdbc = new JdbcTemplate(ds);
        }

        @Override
        public void close() {
            ds.destroy();
        }
    }
}
