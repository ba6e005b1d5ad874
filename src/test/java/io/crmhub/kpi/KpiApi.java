package io.crmhub.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.EntityRef;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The served API the KPI tests talk to: the KPI queries and the identity merge/unmerge that restate them.
 * Every call goes through {@link #exchange}, the one place to add credentials once partner security lands.
 */
final class KpiApi {

    private final TestRestTemplate http;

    KpiApi(TestRestTemplate http) {
        this.http = http;
    }

    /** {@code GET /api/v1/kpis?<query>}; the query names from, to, granularity and any filters. */
    JsonNode kpis(String query) {
        return ok(exchange(HttpMethod.GET, "/api/v1/kpis?" + query, null));
    }

    JsonNode customer(UUID goldenId, LocalDate asOf) {
        return ok(exchange(HttpMethod.GET, "/api/v1/kpis/customers/" + goldenId + "?asOf=" + asOf, null));
    }

    /** Merges the golden customers by a person's word; returns the surviving id. */
    UUID merge(UUID a, UUID b) {
        JsonNode body = ok(exchange(HttpMethod.POST, "/api/v1/identity/merge",
                Map.of("goldenIds", List.of(a, b), "reason", "kpi restatement test")));
        return UUID.fromString(body.at("/goldenId").asText());
    }

    /** Splits the record off the golden customer; returns the new golden id it got. */
    UUID unmerge(UUID goldenId, EntityRef record) {
        JsonNode body = ok(exchange(HttpMethod.POST, "/api/v1/identity/golden/" + goldenId + "/unmerge",
                Map.of("records", List.of(Map.of("system", record.system(), "entity", record.entity(),
                        "key", record.key())), "reason", "kpi restatement test")));
        return UUID.fromString(body.at("/splitOff/0").asText());
    }

    private ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        // the steward may read KPIs and merge/unmerge (identity:admin)
        headers.set(io.crmhub.it.TestPartners.HEADER, io.crmhub.it.TestPartners.STEWARD);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}
