package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Outside the local profile, Hawtio, Jolokia and the other actuator endpoints do not open without an operator's
 * login; the probes do. With the login, Jolokia reads and runs Hawtio's operations but refuses Camel's send/request,
 * heap dumps, diagnostic commands and logging changes (jolokia-access.xml), and cross-site requests are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "hub.embedded.enabled=true", "hub.simulator.erp.enabled=true", "spring.security.user.name=ops",
    "spring.security.user.password=test-ops-password"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ManagementSecurityIT {

    @LocalManagementPort
    int managementPort;

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource store;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = java.util.Base64.getEncoder().encodeToString(
            "ops:test-ops-password".getBytes(java.nio.charset.StandardCharsets.UTF_8));

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

    /** Jolokia's answer to one request POSTed by the operator, from the management port's own page or another site. */
    private JsonNode jolokia(String json, String origin) throws Exception {
        HttpResponse<String> r = post("/actuator/jolokia", json, origin);
        assertThat(r.statusCode()).as(r.headers() + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String path, String json, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                .header("Authorization", "Basic " + LOGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String camelContext() throws Exception {
        JsonNode found = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}", null);
        assertThat(found.path("value")).hasSize(1);
        return found.path("value").get(0).asText();
    }

    @Test
    void jolokiaLetsAnOperatorReadAndRunHawtiosOperationsButNotSendMessagesDumpTheHeapOrChangeLogging()
            throws Exception {
        String context = camelContext();
        // reading attributes and Hawtio's own operations (route definitions) work
        JsonNode read = jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(context)
                + ",\"attribute\":\"State\"}", null);
        assertThat(read.path("status").asInt()).as(read.toString()).isEqualTo(200);
        assertThat(read.path("value").asText()).isEqualTo("Started");
        JsonNode dump = jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context)
                + ",\"operation\":\"dumpRoutesAsXml()\"}", null);
        assertThat(dump.path("status").asInt()).as(dump.toString()).isEqualTo(200);
        assertThat(dump.path("value").asText()).contains("erp-cdc-capture");

        // Camel's sendBody would write to any endpoint (a file here, SQL to the store just as well)
        Path sent = Path.of("target", "jolokia-it", "sent-" + System.nanoTime() + ".txt");
        for (String operation : List.of("sendBody(java.lang.String,java.lang.Object)",
                "requestBody(java.lang.String,java.lang.Object)")) {
            JsonNode refused = jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(context)
                    + ",\"operation\":\"" + operation + "\",\"arguments\":[\"file:" + sent.getParent()
                    + "?fileName=" + sent.getFileName() + "\",\"hello\"]}", null);
            assertThat(refused.path("status").asInt()).as(refused.toString()).isEqualTo(403);
        }
        assertThat(sent).doesNotExist();

        // a heap dump (secrets and personal data) and the JVM's diagnostic commands
        Path heap = Path.of("target", "jolokia-it", "heap-" + System.nanoTime() + ".hprof").toAbsolutePath();
        JsonNode dumpHeap = jolokia("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap\",\"arguments\":[" + JSON.writeValueAsString(heap.toString())
                + ",true]}", null);
        assertThat(dumpHeap.path("status").asInt()).as(dumpHeap.toString()).isEqualTo(403);
        assertThat(heap).doesNotExist();
        JsonNode diagnostic = jolokia("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"gcClassHistogram\",\"arguments\":[[]]}", null);
        assertThat(diagnostic.path("status").asInt()).as(diagnostic.toString()).isEqualTo(403);

        // logging changes: by operation and by attribute
        JsonNode level = jolokia("{\"type\":\"exec\",\"mbean\":\"java.util.logging:type=Logging\","
                + "\"operation\":\"setLoggerLevel\",\"arguments\":[\"\",\"FINEST\"]}", null);
        assertThat(level.path("status").asInt()).as(level.toString()).isEqualTo(403);
        JsonNode write = jolokia("{\"type\":\"write\",\"mbean\":" + JSON.writeValueAsString(context)
                + ",\"attribute\":\"Tracing\",\"value\":true}", null);
        assertThat(write.path("status").asInt()).as(write.toString()).isEqualTo(403);
        assertThat(java.util.logging.Logger.getLogger("").getLevel()).isNotEqualTo(java.util.logging.Level.FINEST);
    }

    @Test
    void crossSiteRequestsAndExecByGetAreRefused() throws Exception {
        String read = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\"}";
        // the management port's own page (Hawtio) and clients without an Origin (curl) may POST
        HttpResponse<String> own = post("/actuator/jolokia", read, "http://localhost:" + managementPort);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(post("/actuator/jolokia", read, null).statusCode()).isEqualTo(200);
        // another site's page may not, even with the operator's login in the browser
        HttpResponse<String> crossSite = post("/actuator/jolokia", read, "http://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).doesNotContain("Uptime");
        assertThat(post("/actuator/hawtio/jolokia", read, "http://localhost:1").statusCode()).isEqualTo(403);
        // exec over GET (a link or an image sends no Origin) is refused; reads by GET still work
        HttpResponse<String> execByGet = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + managementPort + "/actuator/jolokia/exec/java.lang:type=Memory/gc")).header("Authorization",
                "Basic " + LOGIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(execByGet.statusCode()).isEqualTo(405);
        HttpResponse<String> readByGet = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + managementPort + "/actuator/jolokia/read/java.lang:type=Runtime/Uptime")).header("Authorization",
                "Basic " + LOGIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(readByGet.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every connection of the store's pool carries hub.database.statement-timeout (2 min by default), the one Flyway
     * migrated with included: migrations run unbounded (spring.flyway.init-sqls) and the connections Flyway used
     * are evicted from the pool afterwards (DatabaseLinksConfiguration).
     */
    @Test
    void everyStoreConnectionIsBoundedByTheStatementTimeoutAfterTheMigrations() throws Exception {
        int size = ((com.zaxxer.hikari.HikariDataSource) store).getMaximumPoolSize();
        List<java.sql.Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                java.sql.Connection c = store.getConnection();
                held.add(c);
                try (java.sql.Statement st = c.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SHOW statement_timeout")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("connection %d of %d", i + 1, size).isEqualTo("2min");
                }
            }
        } finally {
            for (java.sql.Connection c : held) {
                c.close();
            }
        }
    }
}
