package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Outside the local profile, Hawtio, Jolokia and the other actuator endpoints do not open without an operator's
 * login; the probes do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "hub.embedded.enabled=true", "hub.simulator.erp.enabled=true", "spring.security.user.name=ops",
    "spring.security.user.password=test-ops-password"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ManagementSecurityIT {

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void hawtioAsksForALogin() throws Exception {
        HttpResponse<String> r = get("/actuator/hawtio/jolokia/read/java.lang:type=Runtime/Name");
        assertThat(r.statusCode()).isIn(401, 403);
        HttpResponse<String> page = get("/actuator/hawtio/");
        assertThat(page.statusCode()).isNotEqualTo(500);
        assertThat(page.body()).doesNotContain("camel:type=routes");
    }

    @Test
    void jolokiaRefusesAnonymousReads() throws Exception {
        HttpResponse<String> r = get("/actuator/jolokia/search/org.apache.camel:type=routes,*");
        assertThat(r.statusCode()).isIn(401, 403);
        assertThat(r.body()).doesNotContain("erp-cdc-capture");
    }

    @Test
    void probesStayOpenAndTheOtherEndpointsNeedAnOperatorLoginNotAPartnerKey() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics").statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                + "/actuator/metrics")).header(TestPartners.HEADER, TestPartners.STEWARD).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        String login = java.util.Base64.getEncoder().encodeToString("ops:test-ops-password".getBytes());
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                + "/actuator/metrics")).header("Authorization", "Basic " + login).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
