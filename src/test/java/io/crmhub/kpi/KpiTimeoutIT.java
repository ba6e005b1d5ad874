package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.it.HubIntegrationTest;
import io.crmhub.it.TestPartners;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * A KPI report that needs more database time than {@code hub.database.kpi-statement-timeout} allows is cancelled by
 * the server at that bound and answered 503 problem+json {@code timed-out}, and the hub serves the next report as
 * usual. The report is made to wait the way a heavy one would, on the real store: another session holds the lock of
 * {@code kpi_day}, the first table a report reads, until the report's statement has been cancelled.
 */
@HubIntegrationTest
@TestPropertySource(properties = {"hub.database.kpi-statement-timeout=1s", "hub.connectors.erp.enabled=false",
    "hub.simulator.erp.enabled=false", "hub.connectors.scm.enabled=false"})
class KpiTimeoutIT {

    private static final String REPORT = "/api/v1/kpis?from=2038-01-01&to=2038-12-31&granularity=month";

    @Autowired
    TestRestTemplate http;
    @Autowired
    DataSource store;

    @Test
    void aReportPastItsStatementTimeoutIs503TimedOutAndTheNextOneIsServed() throws Exception {
        assertThat(report().getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> cancelled;
        try (Connection other = store.getConnection(); Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            s.execute("LOCK TABLE kpi_day IN ACCESS EXCLUSIVE MODE");
            try {
                cancelled = report();
            } finally {
                other.rollback();
            }
        }
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(cancelled.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(cancelled.getBody().at("/type").asText()).endsWith("/timed-out");
        assertThat(cancelled.getBody().at("/status").asInt()).isEqualTo(503);
        assertThat(cancelled.getBody().at("/detail").asText()).contains("hub.database.kpi-statement-timeout");
        // the cancelled statement left nothing behind: the same report is served once the lock is gone
        assertThat(report().getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> report() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TestPartners.HEADER, TestPartners.STEWARD); // may read KPIs
        return http.exchange(REPORT, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }
}
