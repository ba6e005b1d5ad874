package io.crmhub.it;

import static io.crmhub.it.OaSimulatorSupport.inStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.wsdl.Ticket;
import io.crmhub.simulator.oa.OaSimulation;
import io.crmhub.simulator.oa.OaSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An OA page holding a character XML 1.0 cannot carry (the simulated OA writes a raw U+0001 into a ticket's subject):
 * the page used to be unreadable and was fetched again for ever. Now that one ticket is dead-lettered with a specific
 * reason and the others of the page, and the pages after it, reach the store; the watermark moves past it.
 */
@HubIntegrationTest
class OaIllegalCharacterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ROUTE = "oa-changes-poll";
    private static final int PORT = OaSimulatorSupport.freePort();

    @DynamicPropertySource
    static void oa(DynamicPropertyRegistry registry) {
        registry.add("hub.simulator.oa.enabled", () -> "true");
        registry.add("hub.simulator.oa.port", () -> PORT);
        registry.add("hub.simulator.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.simulator.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.simulator.oa.seed-contacts", () -> 4);
        registry.add("hub.simulator.oa.changes-per-second", () -> 0);
        registry.add("hub.connectors.oa.enabled", () -> "true");
        registry.add("hub.connectors.oa.url", () -> "http://localhost:" + PORT + "/oa");
        registry.add("hub.connectors.oa.username", () -> OaSimulatorSupport.USER);
        registry.add("hub.connectors.oa.password", () -> OaSimulatorSupport.PASSWORD);
        registry.add("hub.connectors.oa.page-size", () -> 4);
        registry.add("hub.connectors.oa.poll-interval-ms", () -> 200);
    }

    @Autowired
    OaSimulator oa;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    CamelContext camel;
    @Autowired
    io.crmhub.config.HubKafkaProperties kafka;

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

    @Test
    void aTicketWithAnXmlIllegalCharacterIsDeadLetteredAndTheFeedGoesOn() {
        String reason = brokenTicketCostsOnlyItself(1, "Lid\u0001cracked");
        assertThat(reason).contains("subject", "XML 1.0", "C0 control").doesNotContain("cracked");
    }

    /** Some servers write the control as a character reference: illegal in XML 1.0 too, and it costs only its item. */
    @Test
    void aTicketWithAControlCharacterWrittenAsAReferenceIsDeadLetteredAndTheFeedGoesOn() {
        oa.faults().controlCharactersAsReferences(true);
        try {
            String reason = brokenTicketCostsOnlyItself(2, "Hinge\u0001loose");
            assertThat(reason).isEqualTo("oa tickets: field subject held the character reference &#1; "
                    + "(U+0001, a C0 control character), which XML 1.0 allows neither raw nor as a reference");
        } finally {
            oa.faults().controlCharactersAsReferences(false);
        }
    }

    /**
     * Seven tickets, the one at {@code broken} with this subject: the others are stored, the broken one is
     * dead-lettered, and the watermark goes past it to the last ticket of the feed. Returns the dead letter's reason.
     */
    private String brokenTicketCostsOnlyItself(int broken, String subject) {
        OaSimulation sim = oa.simulation();
        List<Ticket> tickets = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tickets.add(sim.openTicket());
        }
        Ticket bad = sim.data().save(OaEntity.TICKETS, tickets.get(broken), t -> t.setSubject(subject));
        tickets.add(sim.openTicket());

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<String, Long> stored = inStore(crm, OaEntity.TICKETS);
            for (Ticket t : tickets) {
                if (!t.getId().equals(bad.getId())) {
                    assertThat(stored).containsKey(t.getId());
                }
            }
        });
        assertThat(inStore(crm, OaEntity.TICKETS)).doesNotContainKey(bad.getId());
        String reason = await().atMost(TIMEOUT).until(() -> crm.queryForList("SELECT reason FROM dead_letter WHERE "
                + "source_system = 'oa' AND source_entity = 'tickets' AND source_key = ?", String.class,
                bad.getId()), r -> !r.isEmpty()).get(0);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(crm.queryForObject(
                "SELECT last_id FROM oa_watermark WHERE entity = 'tickets'", String.class))
                .isEqualTo(tickets.get(tickets.size() - 1).getId()));
        return reason;
    }
}
