package io.crmhub.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmhub.config.EmbeddedInfrastructure;
import io.crmhub.it.HubProcess;
import io.crmhub.it.TestPartners;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.FileSystemUtils;

/**
 * The operator's path after a mapping gap, with the hub as its own process: the ERP starts using a status code the
 * ERP customer mapping does not know, the live CDC route dead-letters exactly those rows (the others land), the
 * mapping file is fixed, the hub restarted, and one replay request restores every dead letter — 100 %, each
 * customer stored once, linked and REPLAYED.
 */
class MappingFixReplayIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path DIR = Path.of("target", "mapping-fix");
    private static final int ROWS = 60;
    private static final String KNOWN = "DORMANT: CUSTOMER, ";

    @Test
    void fixingTheMappingAndReplayingRestoresEveryDeadLetter() throws Exception {
        EmbeddedInfrastructure.Endpoints servers = EmbeddedInfrastructure.start(0, "fix_crm", "fix_erp");
        DriverManagerDataSource erpDs = new DriverManagerDataSource(servers.jdbcUrl("fix_erp"), "postgres", "postgres");
        new ResourceDatabasePopulator(new ClassPathResource("simulator/erp-schema.sql")).execute(erpDs);
        JdbcTemplate erp = new JdbcTemplate(erpDs);
        JdbcTemplate crm = new JdbcTemplate(new DriverManagerDataSource(servers.jdbcUrl("fix_crm"), "postgres",
                "postgres"));
        FileSystemUtils.deleteRecursively(DIR);
        Path mappings = DIR.resolve("mappings");
        FileSystemUtils.copyRecursively(Path.of("mappings"), mappings);
        Files.delete(mappings.resolve("kustomization.yaml")); // packaging, not a mapping (what ops mount has none)
        Path customers = mappings.resolve("erp/customers.yaml");
        String fixed = Files.readString(customers);
        assertThat(fixed).contains(KNOWN);
        Files.writeString(customers, fixed.replace(KNOWN, "")); // the gap: DORMANT is not mapped
        int port = freePort();
        HubProcess.Servers hubServers = new HubProcess.Servers(servers.jdbcUrl("fix_crm"), servers.kafkaBrokers(),
                servers.postgresHost(), servers.postgresPort(), "fix_erp");
        List<String> args = List.of("--server.port=" + port,
                "--hub.mapping.locations=file:" + mappings.toAbsolutePath() + "/**/*.yaml",
                "--hub.partners.credentials=file:" + Path.of("src/test/resources/partners/test-partners.yaml")
                        .toAbsolutePath());
        Process hub = HubProcess.start(hubServers, "fix", DIR.resolve("cluster"), DIR.resolve("hub-1.log"), args);
        try {
            await().atMost(START_TIMEOUT).until(() -> slotActive(erp, hub));
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                rows.add(new Object[] {"FIX-" + i, "Fix Test " + i + " Co., Ltd.", "fix." + i + "@example.com",
                        i % 2 == 0 ? "DORMANT" : "ACTIVE"});
            }
            erp.batchUpdate("INSERT INTO customers (customer_no, kind, name, email, status) VALUES (?, 'C', ?, ?, ?)",
                    rows);
            await().atMost(TIMEOUT).until(() -> count(crm, "SELECT count(*) FROM customer_record") == ROWS / 2
                    && count(crm, "SELECT count(*) FROM dead_letter") == ROWS / 2);
            assertThat(crm.queryForList("SELECT field || ' | ' || reason FROM dead_letter", String.class))
                    .allSatisfy(r -> assertThat(r).startsWith("customers.lifecycleStatus | customers.lifecycleStatus:")
                            .contains("DORMANT"));

            // the fix, and the restart that loads it
            Files.writeString(customers, fixed);
            HubProcess.stop(hub);
            Process restarted = HubProcess.start(hubServers, "fix", DIR.resolve("cluster"), DIR.resolve("hub-2.log"),
                    args);
            try {
                await().atMost(START_TIMEOUT).until(() -> slotActive(erp, restarted));
                JsonNode report = replay(port);
                assertThat(report.at("/count").asInt()).isEqualTo(ROWS / 2);
                assertThat(report.at("/outcomes").toString()).doesNotContain("FAILED");
                long restored = count(crm, "SELECT count(*) FROM dead_letter WHERE status = 'REPLAYED'");
                System.out.printf("RESULT replay mapping=erp-customers dead_letters=%d restored=%d failed_again=%d%n",
                        ROWS / 2, restored, count(crm, "SELECT count(*) FROM dead_letter WHERE status <> 'REPLAYED'"));
                assertThat(restored).isEqualTo(ROWS / 2);
                assertThat(crm.queryForList("SELECT number FROM customer_record ORDER BY number", String.class))
                        .hasSize(ROWS).doesNotHaveDuplicates();
                assertThat(count(crm, "SELECT count(*) FROM customer_record WHERE lifecycle_status = 'CUSTOMER'"))
                        .isEqualTo(ROWS);
                await().atMost(TIMEOUT).until(() -> count(crm, "SELECT count(DISTINCT source_key) FROM identity_link "
                        + "WHERE source_system = 'erp'") == ROWS);
            } finally {
                HubProcess.stop(restarted);
            }
        } finally {
            HubProcess.stop(hub);
        }
    }

    private static JsonNode replay(int port) throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("filter", Map.of("source", "erp",
                "status", List.of("NEW")), "dryRun", false));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/dead-letters/replay"))
                .header("Content-Type", "application/json").header(TestPartners.HEADER, TestPartners.STEWARD)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static boolean slotActive(JdbcTemplate erp, Process hub) {
        if (!hub.isAlive()) {
            throw new IllegalStateException("hub exited with " + hub.exitValue() + ": see " + DIR.toAbsolutePath());
        }
        return Boolean.TRUE.equals(erp.queryForObject("SELECT coalesce(bool_or(active), false) FROM "
                + "pg_replication_slots WHERE slot_name = ?", Boolean.class, HubProcess.slot("fix")));
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        try {
            return jdbc.queryForObject(sql, Long.class);
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return 0; // not migrated before the first hub has started
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
