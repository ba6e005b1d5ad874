package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.ops.cluster.LeadershipGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The Debezium engine dies (the ERP database refuses it: its walsender is ended and the database takes no new
 * connections; Debezium is told not to retry on its own): readiness on the management port turns DOWN with the
 * {@code erpCdc} reason, the route stops and this hub lets go of the leadership. Once the ERP accepts connections
 * again, the hub leads again and capture resumes where it stopped.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.connectors.erp.debezium.[errors.max.retries]=0")
class ErpEngineDeathIT {

    private static final String ROUTE = "erp-cdc-capture";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;
    @Autowired
    ErpConnectorProperties erpProps;
    @Autowired
    JdbcTemplate crm;
    @Autowired
    CamelContext camel;
    @Autowired
    LeadershipGuard leadership;

    @Test
    void aDeadEngineTurnsReadinessDownAndReleasesLeadershipUntilTheErpAcceptsItAgain() throws Exception {
        try (ErpDatabase erp = new ErpDatabase(erpProps)) {
            await().atMost(TIMEOUT).until(() -> erp.isStreaming() && leadership.isLeader(ROUTE)
                    && readiness().statusCode() == 200);
            assertThat(readiness().body()).contains("\"erpCdc\":{\"status\":\"UP\"");

            AtomicBoolean released = new AtomicBoolean();
            AtomicBoolean stopped = new AtomicBoolean();
            // from the CRM store's database on the same embedded server: a database cannot lock out its own sessions
            crm.execute("ALTER DATABASE " + erpProps.database() + " ALLOW_CONNECTIONS false");
            try {
                // ended on every poll, not once: an engine whose walsender was between connections at one
                // instant would otherwise keep streaming on a connection opened before the lock-out
                HttpResponse<String> down = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
                    endWalsender(erp);
                    released.compareAndSet(false, !leadership.isLeader(ROUTE));
                    stopped.compareAndSet(false, camel.getRouteController().getRouteStatus(ROUTE)
                            == ServiceStatus.Stopped);
                    return readiness();
                }, r -> r.statusCode() == 503 && r.body().contains("\"erpCdc\":{\"status\":\"DOWN\""));
                assertThat(down.body()).contains("\"reason\":\"").contains("engineFailedAt");
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
                    released.compareAndSet(false, !leadership.isLeader(ROUTE));
                    stopped.compareAndSet(false, camel.getRouteController().getRouteStatus(ROUTE)
                            == ServiceStatus.Stopped);
                    return released.get() && stopped.get();
                });
            } finally {
                crm.execute("ALTER DATABASE " + erpProps.database() + " ALLOW_CONNECTIONS true");
            }

            // the ERP takes connections again: this hub leads again and capture goes on where it stopped
            long id = erp.insert("customers", Map.of("customer_no", "ED-" + UUID.randomUUID().toString()
                    .substring(0, 8), "kind", "P", "name", "李娜", "status", "LEAD"));
            await().atMost(TIMEOUT).until(() -> crm.queryForObject("SELECT count(*) FROM customer_record WHERE "
                    + "source_system = 'erp' AND source_key = ?", Long.class, String.valueOf(id)) == 1);
            await().atMost(TIMEOUT).until(() -> readiness().statusCode() == 200 && leadership.isLeader(ROUTE));
        }
    }

    private void endWalsender(ErpDatabase erp) {
        erp.jdbc().queryForList("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots "
                + "WHERE slot_name = ? AND active", erpProps.slotName());
    }

    private HttpResponse<String> readiness() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
