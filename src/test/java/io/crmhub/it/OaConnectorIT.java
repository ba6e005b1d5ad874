package io.crmhub.it;

import static io.crmhub.it.OaSimulatorSupport.duplicateChanges;
import static io.crmhub.it.OaSimulatorSupport.inOa;
import static io.crmhub.it.OaSimulatorSupport.inStore;
import static io.crmhub.it.OaSimulatorSupport.inSync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.simulator.oa.OaFaultPlan.Fault;
import io.crmhub.simulator.oa.OaSimulation;
import io.crmhub.simulator.oa.OaSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OA connector against the real simulated OA over SOAP/HTTP: paging end to end, and the faults an
 * OA serves in the middle of paging (SOAP fault, HTTP 503, broken XML, a page slower than the client
 * timeout). Each case ends with the store holding exactly the OA's records at their latest version.
 */
@HubIntegrationTest
class OaConnectorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ROUTE = "oa-changes-poll";
    private static final int PORT = OaSimulatorSupport.freePort();

    @DynamicPropertySource
    static void oa(DynamicPropertyRegistry registry) {
        registry.add("hub.simulator.oa.enabled", () -> "true");
        registry.add("hub.simulator.oa.port", () -> PORT);
        registry.add("hub.simulator.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.simulator.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.simulator.oa.seed-contacts", () -> 10);
        registry.add("hub.simulator.oa.changes-per-second", () -> 0);
        registry.add("hub.connectors.oa.enabled", () -> "true");
        registry.add("hub.connectors.oa.url", () -> "http://localhost:" + PORT + "/oa");
        registry.add("hub.connectors.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.connectors.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.connectors.oa.page-size", () -> 4);
        registry.add("hub.connectors.oa.poll-interval-ms", () -> 200);
        registry.add("hub.connectors.oa.receive-timeout-ms", () -> 1500);
    }

    @Autowired
    OaSimulator oa;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    CamelContext camel;
    @Autowired
    io.crmhub.config.HubKafkaProperties kafka;

    /** Set per test, used once after the last: JUnit's @AfterAll runs while the context is still open. */
    private static JdbcTemplate store;
    private static CamelContext hubCamel;
    private static io.crmhub.config.HubKafkaProperties kafkaProps;

    @BeforeEach
    void remember() {
        store = crm;
        hubCamel = camel;
        kafkaProps = kafka;
    }

    @AfterAll
    static void leaveNoOaDataForTheNextTest() throws Exception {
        hubCamel.getRouteController().stopRoute(ROUTE);
        OaSimulatorSupport.forgetOa(store, kafkaProps);
    }

    @AfterEach
    void noOaRecordWasDeadLettered() {
        assertThat(crm.queryForObject("SELECT count(*) FROM dead_letter WHERE source_system = 'oa' "
                + "OR route_id = '" + ROUTE + "'", Long.class)).isZero();
        assertThat(duplicateChanges(crm)).isZero();
    }

    @Test
    void everyEntityIsPagedIntoTheStoreExactly() {
        OaSimulation sim = oa.simulation();
        List<io.crmhub.connector.oa.wsdl.Ticket> opened = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            opened.add(sim.openTicket());
        }
        opened.stream().limit(5).forEach(sim::progressTicket);
        sim.recordVisit();
        sim.recordVisit();
        sim.recordContract();

        awaitInSync();
        // the seeded contacts (some re-spelled ERP customers) and every ticket, at its latest version
        assertThat(inStore(crm, OaEntity.CONTACTS)).hasSizeGreaterThanOrEqualTo(10);
        for (io.crmhub.connector.oa.wsdl.Ticket t : opened) {
            assertThat(inStore(crm, OaEntity.TICKETS)).containsEntry(t.getId(), t.getVersion());
        }
        Map<String, Object> ticket = crm.queryForMap("SELECT * FROM interaction_record WHERE source_system = 'oa' "
                + "AND source_entity = 'tickets' AND source_sequence = 2 LIMIT 1");
        assertThat(ticket.get("status")).isIn("ESCALATED", "RESOLVED");
        assertThat(ticket.get("opened_at")).isNotNull();
        assertThat(ticket.get("customer_key").toString()).startsWith("OA-C-");
        assertThat(ticket.get("kind")).isIn("COMPLAINT", "SERVICE_TICKET");
        assertThat(crm.queryForObject("SELECT last_id FROM oa_watermark WHERE entity = 'tickets'", String.class))
                .isEqualTo(lastInFeed(OaEntity.TICKETS));
    }

    @Test
    void soapFaultInTheMiddleOfPagingIsRetriedWithoutLossOrDuplicates() {
        faultMidPaging(Fault.SOAP_FAULT);
    }

    @Test
    void http503InTheMiddleOfPagingIsRetried() {
        faultMidPaging(Fault.HTTP_503);
    }

    @Test
    void malformedPageIsATransientFaultOfTheOaAndIsRetried() {
        faultMidPaging(Fault.MALFORMED_XML);
    }

    @Test
    void pageSlowerThanTheClientTimeoutIsRetried() {
        faultMidPaging(Fault.SLOW);
    }

    /** 10 new tickets = 3 pages of 4; the fault hits the second page, after the first was published. */
    private void faultMidPaging(Fault fault) {
        awaitInSync();
        stopPolling();
        int firedBefore = oa.faults().fired();
        OaSimulation sim = oa.simulation();
        List<String> added = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            added.add(sim.openTicket().getId());
        }
        oa.faults().inject(OaEntity.TICKETS, fault, 1);
        startPolling();

        awaitInSync();
        assertThat(oa.faults().fired()).isEqualTo(firedBefore + 1);
        assertThat(inStore(crm, OaEntity.TICKETS)).containsKeys(added.toArray(String[]::new));
        for (String id : added) {
            assertThat(crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'oa' "
                    + "AND source_entity = 'tickets' AND source_key = ?", Long.class, id)).isOne();
        }
        assertThat(crm.queryForObject("SELECT last_id FROM oa_watermark WHERE entity = 'tickets'", String.class))
                .isEqualTo(lastInFeed(OaEntity.TICKETS));
    }

    private String lastInFeed(OaEntity entity) {
        return oa.simulation().data().changesAfter(entity, io.crmhub.connector.oa.OaWatermark.BEGINNING, 10_000)
                .next().id();
    }

    private void awaitInSync() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    for (OaEntity entity : OaEntity.values()) {
                        assertThat(inStore(crm, entity)).as(entity.id()).isEqualTo(inOa(oa.simulation().data(), entity));
                    }
                });
        assertThat(inSync(oa.simulation().data(), crm)).isTrue();
    }

    private void stopPolling() {
        try {
            camel.getRouteController().stopRoute(ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void startPolling() {
        try {
            camel.getRouteController().startRoute(ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
