package io.crmhub.it;

import static io.crmhub.it.OaSimulatorSupport.duplicateChanges;
import static io.crmhub.it.OaSimulatorSupport.inOa;
import static io.crmhub.it.OaSimulatorSupport.inStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.connector.oa.OaEntity;
import io.crmhub.simulator.oa.OaFaultPlan;
import io.crmhub.simulator.oa.OaSimulation;
import io.crmhub.simulator.oa.OaSimulatorServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The hub is stopped while it pages through the OA and started again: the paging resumes from the stored
 * watermark, every OA record reaches the store, none is applied twice. The OA runs outside the hub here,
 * as in production, so it outlives both hub instances.
 */
class OaRestartIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void restartInTheMiddleOfPagingLosesNothingAndDuplicatesNothing() throws Exception {
        OaSimulation sim = new OaSimulation(42);
        sim.seedContacts(List.of(), 5);
        for (int i = 0; i < 30; i++) {
            sim.openTicket();
        }
        OaFaultPlan faults = new OaFaultPlan(400);
        for (int i = 0; i < 12; i++) {
            faults.inject(OaEntity.TICKETS, OaFaultPlan.Fault.SLOW, 0); // slow pages keep the hub mid-paging
        }
        try (OaSimulatorServer oa = OaSimulatorServer.start(0, sim.data(), faults, OaSimulatorSupport.USER,
                OaSimulatorSupport.PASSWORD, "")) {
            ConfigurableApplicationContext hub = startHub(oa);
            // a connection of the test's own, which outlives the hub's pool across the restart
            SingleConnectionDataSource store = new SingleConnectionDataSource(
                    hub.getEnvironment().getProperty("spring.datasource.url"),
                    hub.getEnvironment().getProperty("spring.datasource.username"),
                    hub.getEnvironment().getProperty("spring.datasource.password"), true);
            try {
                JdbcTemplate crm = new JdbcTemplate(store);
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> pagesStored(crm) >= 2);
                hub.close();
                assertThat(inStore(crm, OaEntity.TICKETS)).as("stopped mid-paging").hasSizeLessThan(30);
            } finally {
                hub.close();
                store.destroy();
            }

            hub = startHub(oa);
            try {
                JdbcTemplate crm = new JdbcTemplate(hub.getBean(javax.sql.DataSource.class));
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    for (OaEntity entity : OaEntity.values()) {
                        assertThat(inStore(crm, entity)).as(entity.id()).isEqualTo(inOa(sim.data(), entity));
                    }
                });
                assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'oa' "
                        + "AND source_entity = 'tickets'", Long.class)).isEqualTo(30);
                assertThat(duplicateChanges(crm)).isZero();
                hub.getBean(org.apache.camel.CamelContext.class).getRouteController().stopRoute("oa-changes-poll");
                OaSimulatorSupport.forgetOa(crm, hub.getBean(io.crmhub.config.HubKafkaProperties.class));
            } finally {
                hub.close();
            }
        }
    }

    private static long pagesStored(JdbcTemplate crm) {
        List<Long> pages = crm.queryForList("SELECT pages FROM oa_watermark WHERE entity = 'tickets'", Long.class);
        return pages.isEmpty() ? 0 : pages.get(0);
    }

    private static ConfigurableApplicationContext startHub(OaSimulatorServer oa) {
        return new SpringApplicationBuilder(CrmHubApplication.class).profiles("local", "test").run(
                "--hub.simulator.oa.enabled=false",
                "--hub.connectors.oa.enabled=true",
                "--hub.connectors.oa.url=" + oa.address(),
                "--hub.connectors.oa.username=" + OaSimulatorSupport.USER,
                "--hub.connectors.oa.password=" + OaSimulatorSupport.PASSWORD,
                "--hub.connectors.oa.page-size=3",
                "--hub.connectors.oa.poll-interval-ms=200");
    }
}
