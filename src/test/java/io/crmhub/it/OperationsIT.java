package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmhub.canonical.CanonicalJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Probes, metrics and Hawtio live on the management port, apart from the API port. */
@HubIntegrationTest
class OperationsIT {

    @LocalManagementPort
    int managementPort;
    @LocalServerPort
    int serverPort;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void readinessReflectsDatabaseAndCamelRoutes() throws Exception {
        JsonNode ready = await().atMost(Duration.ofSeconds(60)).until(
                () -> json(get("/actuator/health/readiness").body()), r -> "UP".equals(r.path("status").asText()));
        assertThat(ready.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(ready.at("/components/camelHealth/status").asText()).isEqualTo("UP");
        JsonNode camel = ready.at("/components/camelHealth/details");
        for (String route : new String[] {"erp-cdc-capture", "canonical-publish", "canonical-store-apply",
            "hub-dead-letter"}) {
            assertThat(camel.path("route:" + route).asText()).as(route).isEqualTo("UP");
        }
        // the store's kafka-batch consumer reports its Kafka client (DOWN while it reconnects: KafkaBatchConsumerIT)
        assertThat(camel.path("consumer:canonical-store-apply").asText()).isEqualTo("UP");
        assertThat(json(get("/actuator/health/liveness").body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void managementEndpointsAreNotOnTheApiPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(serverPort);
        HttpResponse<String> onApiPort = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + serverPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onApiPort.statusCode()).isEqualTo(404);
    }

    @Test
    void storeOutcomesAreExportedForPrometheus() throws Exception {
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("hub_store_events_total{").contains("outcome=\"duplicate\"")
                .contains("outcome=\"stale\"").contains("outcome=\"applied\"");
    }

    @Test
    void hawtioIsServedAndJolokiaListsEveryHubRoute() throws Exception {
        HttpResponse<String> hawtio = get("/actuator/hawtio/");
        assertThat(hawtio.statusCode()).isEqualTo(200);
        assertThat(hawtio.body()).containsIgnoringCase("hawtio");

        JsonNode routes = json(get("/actuator/jolokia/search/org.apache.camel:type=routes,*").body());
        assertThat(routes.path("value").toString()).contains("erp-cdc-capture", "canonical-publish",
                "canonical-store-apply", "hub-dead-letter");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return CanonicalJson.mapper().readTree(body);
    }
}
