package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** The demo as `mvn spring-boot:run` shows it: simulated shipments of ERP orders arrive, bad messages are dead-lettered. */
@HubIntegrationTest
@TestPropertySource(properties = {
        "hub.simulator.scm.enabled=true",
        "hub.simulator.scm.events-per-second=20",
        "hub.simulator.scm.malformed-percent=10"})
class ScmSimulatorIT {

    @Autowired
    JdbcTemplate crm;

    @Test
    void simulatedShipmentsOfErpOrdersReachTheStoreAndMalformedOnesTheDeadLetter() {
        await().atMost(Duration.ofSeconds(90)).until(() -> count("SELECT count(*) FROM shipment_record s JOIN "
                + "order_record o ON o.order_number = s.order_number WHERE s.status = 'DELIVERED' "
                + "AND s.delivered_at IS NOT NULL AND s.shipped_at IS NOT NULL") > 0
                && count("SELECT count(*) FROM dead_letter WHERE route_id = 'scm-shipments-ingest'") > 0);

        assertThat(count("SELECT count(*) FROM shipment_record s WHERE NOT EXISTS (SELECT 1 FROM order_record o "
                + "WHERE o.order_number = s.order_number)")).as("every shipment is of a known ERP order").isZero();
        assertThat(crm.queryForList("SELECT DISTINCT reason FROM dead_letter WHERE source_system = 'scm'", String.class))
                .allMatch(r -> r.equals("missing shipmentNumber") || r.startsWith("not JSON at line 1, column "));
    }

    private long count(String sql) {
        return crm.queryForObject(sql, Long.class);
    }
}
