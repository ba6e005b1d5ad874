package io.crmhub.it.fuzz;

import static org.awaitility.Awaitility.await;

import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.connector.scm.ScmConnectorProperties;
import io.crmhub.it.ErpDatabase;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.ShopInbox;
import io.crmhub.mapping.MappingEngine;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fuzz campaign against the running hub (one context for every edge): seeded, reproducible generated input at
 * each edge, {@code -Dfuzz.cases} per edge (200 here, 10,000 in {@code mvn -Pchaos verify}), {@code -Dfuzz.seed}
 * to replay a run. Each edge prints {@code RESULT fuzz edge=… cases=… server_errors=… unexplained=…} and requires
 * no server error for bad input, a specific, PII-free reason for every refusal, and every well-formed record
 * among the bad ones kept. Method and figures: docs/reliability.md.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzIT {

    static final ShopInbox INBOX = new ShopInbox();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("hub.connectors.shop.enabled", () -> "true");
        registry.add("hub.connectors.shop.inbox", () -> INBOX.dir().toString());
        registry.add("hub.connectors.scm.enabled", () -> "true");
        registry.add("hub.partners.require-if-match", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    MappingEngine mappings;
    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    HubKafkaProperties kafka;
    @Autowired
    ScmConnectorProperties scm;

    final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    ErpDatabase erp;
    HttpFuzz http;

    @BeforeAll
    void connect() {
        erp = new ErpDatabase(erpProps);
        http = new HttpFuzz("http://localhost:" + port);
    }

    @AfterAll
    void disconnect() {
        erp.close();
    }

    /** jqwik's generators outside a jqwik property need a session on the test's thread. */
    @BeforeEach
    void startGenerators() {
        JqwikSession.start();
    }

    @AfterEach
    void finishGenerators() {
        JqwikSession.finish();
    }

    @Test
    void erpColumnValuesThroughCdc() {
        await().atMost(Duration.ofSeconds(60)).until(erp::isStreaming);
        FuzzCampaign fuzz = new FuzzCampaign("erp-cdc");
        ErpFuzz.run(fuzz, erp, crm, run);
        fuzz.report();
    }

    @Test
    void columnValuesOfEverySourceThroughTheMappingEngine() {
        for (String system : List.of("erp", "oa", "shop", "scm", "partner")) {
            FuzzCampaign fuzz = new FuzzCampaign("mapping-" + system);
            MappingFuzz.run(fuzz, mappings, MappingFuzz.sources(system));
            fuzz.report();
        }
    }

    @Test
    void shopLinesAndEncodings() throws Exception {
        FuzzCampaign fuzz = new FuzzCampaign("shop-files");
        ShopFuzz.run(fuzz, INBOX, crm, run);
        fuzz.report();
    }

    @Test
    void scmMessages() throws Exception {
        FuzzCampaign fuzz = new FuzzCampaign("scm-messages");
        ScmFuzz.run(fuzz, kafka.brokers(), scm.topic(), crm, run);
        fuzz.report();
    }

    @Test
    void partnerRestBodies() throws Exception {
        FuzzCampaign fuzz = new FuzzCampaign("partner-rest-bodies");
        http.partnerBodies(fuzz, run);
        fuzz.report();
    }

    @Test
    void partnerRestQueryParameters() throws Exception {
        FuzzCampaign fuzz = new FuzzCampaign("partner-rest-query");
        http.partnerQueries(fuzz);
        fuzz.report();
    }

    @Test
    void soapRequests() throws Exception {
        FuzzCampaign fuzz = new FuzzCampaign("partner-soap");
        http.soapRequests(fuzz, run);
        fuzz.report();
    }
}
