package io.crmhub.ops.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.config.EmbeddedInfrastructure;
import io.crmhub.identity.eval.SyntheticCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The file backfill as its own OS process (the packaged jar, prod profile, addresses from environment variables,
 * like {@code HubKillIT}), killed with SIGKILL at about half way — no shutdown hook, a store transaction possibly
 * cut off — and run again with the same command: it resumes the same run from its last checkpoint and exits 0, and
 * the store is then identical to the store of an uninterrupted run of the same file into a second database
 * (records, change log, identity clusters and golden records, KPI facts). The uninterrupted run is started with
 * {@code --hub.backfill.exit=false}: after its report the process keeps the hub up.
 *
 * <p>Every job writes its console to {@code target/backfill-kill/job-N.log}.
 */
class BackfillKillIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(300);
    private static final Path DIR = Path.of("target", "backfill-kill");
    private static final int RECORDS = Integer.getInteger("backfill-kill.records", 6_000);
    private static final int PAGE = 200;

    private EmbeddedInfrastructure.Endpoints servers;
    private int jobs;

    @Test
    void aBackfillKilledHalfWayResumesAndEndsWithTheStoreOfAnUninterruptedRun() throws Exception {
        servers = EmbeddedInfrastructure.start(0, "bfkill_a", "bfkill_b", "bfkill_erp");
        Files.createDirectories(DIR);
        try (Stream<Path> old = Files.list(DIR)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".csv")).toList()) {
                Files.delete(p);
            }
        }
        Path file = DIR.resolve("export-" + RECORDS + ".csv");
        SyntheticCsv.write(file, RECORDS, 23, "k");
        Path mapping = DIR.resolve("legacy.yaml");
        Files.writeString(mapping, Files.readString(Path.of("mappings/dry-run/customers.yaml"))
                .replace("id: dry-run-customers", "id: legacy-customers").replace("system: dry-run", "system: legacy"));
        SingleConnectionDataSource aDs = new SingleConnectionDataSource(servers.jdbcUrl("bfkill_a"), "postgres",
                "postgres", true);
        SingleConnectionDataSource bDs = new SingleConnectionDataSource(servers.jdbcUrl("bfkill_b"), "postgres",
                "postgres", true);
        JdbcTemplate a = new JdbcTemplate(aDs);
        JdbcTemplate b = new JdbcTemplate(bDs);
        List<Process> started = new ArrayList<>();
        try {
            // A: killed at about half way, then the same command again
            Process first = job("bfkill_a", file, mapping, true);
            started.add(first);
            // at half way, and while one of the job's store transactions is open and has written (a chunk in flight)
            await().atMost(START_TIMEOUT.plus(RUN_TIMEOUT)).pollInterval(Duration.ofMillis(10)).until(() -> {
                requireAlive(first);
                return processed(a) >= RECORDS / 2 && count(a, "SELECT count(*) FROM pg_stat_activity WHERE datname ="
                        + " 'bfkill_a' AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL") > 0;
            });
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Map<String, Object> killed = a.queryForMap("SELECT id, status, processed, pages FROM backfill_run");
            System.out.println("BackfillKillIT: killed at " + killed);
            assertThat(killed.get("status")).isEqualTo("RUNNING");
            assertThat((Long) killed.get("processed")).isLessThan(RECORDS);

            Process again = job("bfkill_a", file, mapping, true);
            started.add(again);
            assertThat(again.waitFor(START_TIMEOUT.plus(RUN_TIMEOUT).toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).as("exit code of the resumed run, see %s", log(jobs)).isZero();
            assertThat(a.queryForMap("SELECT id, status, attempts FROM backfill_run"))
                    .containsEntry("id", killed.get("id")).containsEntry("status", "COMPLETED")
                    .containsEntry("attempts", 2);

            // B: the same file, uninterrupted, the hub kept up after the report
            Process reference = job("bfkill_b", file, mapping, false);
            started.add(reference);
            await().atMost(START_TIMEOUT.plus(RUN_TIMEOUT)).pollInterval(Duration.ofMillis(500)).until(() -> {
                requireAlive(reference);
                return "COMPLETED".equals(status(b));
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log(jobs)).contains("the hub keeps running"));
            // still up 3 s after the report (checked all along, not slept through)
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(reference::isAlive);
            assertThat(reference.isAlive()).as("hub.backfill.exit=false keeps the hub up").isTrue();
            assertThat(Files.readString(log(jobs))).contains("the hub keeps running");

            assertSameStore(a, b);
        } finally {
            for (Process p : started) {
                if (p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
            aDs.destroy();
            bDs.destroy();
        }
    }

    private static void assertSameStore(JdbcTemplate a, JdbcTemplate b) {
        assertThat(count(a, "SELECT count(*) FROM customer_record")).isEqualTo(RECORDS);
        for (String sql : List.of(
                // each record once, with the same content, sequence and event
                "SELECT source_key || '|' || source_sequence || '|' || last_event_id || '|' || last_op || '|' || md5(payload::text)"
                        + " FROM customer_record ORDER BY source_key",
                // each change logged once
                "SELECT event_id || '|' || source_key FROM change_log ORDER BY event_id",
                // the same clusters: each record with the smallest key of its golden customer
                "SELECT l.source_key || ' in ' || min(m.source_key) FROM identity_link l JOIN identity_link m"
                        + " USING (golden_id) GROUP BY l.source_key ORDER BY l.source_key",
                // the same golden records, named by their smallest member key
                "SELECT (SELECT min(source_key) FROM identity_link l WHERE l.golden_id = g.golden_id) || '|'"
                        + " || g.status || '|' || g.member_count || '|' || md5(g.record::text) FROM golden_customer g"
                        + " WHERE g.status = 'ACTIVE' ORDER BY 1",
                "SELECT kind || '|' || count(*) FROM kpi_fact GROUP BY kind ORDER BY kind",
                "SELECT count(*)::text FROM dead_letter")) {
            assertThat(a.queryForList(sql, String.class)).as(sql).isEqualTo(b.queryForList(sql, String.class));
        }
    }

    private Process job(String database, Path file, Path mapping, boolean exit) throws IOException {
        jobs++;
        List<String> command = new ArrayList<>(io.crmhub.it.HubProcesses.javaCommand());
        command.addAll(List.of("--spring.profiles.active=prod", "--server.port=0", "--management.server.port=0",
                "--hub.backfill.source=file", "--hub.backfill.file=" + file.toAbsolutePath(),
                "--hub.backfill.mapping=" + mapping.toAbsolutePath(), "--hub.backfill.page-size=" + PAGE,
                "--hub.backfill.progress-interval-ms=2000", "--hub.backfill.exit=" + exit,
                "--hub.kafka.store-group=" + database, "--hub.kafka.topics.customer=" + database + ".customer",
                "--hub.kafka.topics.order=" + database + ".order",
                "--hub.kafka.topics.order-line=" + database + ".order-line",
                "--hub.kafka.topics.payment=" + database + ".payment",
                "--hub.kafka.topics.interaction=" + database + ".interaction",
                "--hub.kafka.topics.shipment=" + database + ".shipment",
                "--hub.kafka.topics.dead-letter=" + database + ".deadletter",
                "--hub.kafka.topics.identity=" + database + ".identity"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(jobs).toFile()));
        builder.environment().putAll(Map.ofEntries(
                Map.entry("CRM_DB_URL", servers.jdbcUrl(database)), Map.entry("CRM_DB_USER", "postgres"),
                Map.entry("CRM_DB_PASSWORD", "postgres"), Map.entry("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBrokers()),
                Map.entry("KAFKA_TOPIC_PARTITIONS", "1"), Map.entry("KAFKA_TOPIC_REPLICATION", "1"),
                Map.entry("ERP_DB_HOST", servers.postgresHost()),
                Map.entry("ERP_DB_PORT", String.valueOf(servers.postgresPort())), Map.entry("ERP_DB_NAME", "bfkill_erp"),
                Map.entry("ERP_DB_USER", "postgres"), Map.entry("ERP_DB_PASSWORD", "postgres"),
                // the embedded PostgreSQL and Kafka have no TLS: this test says so (prod requires verify-full and SASL_SSL)
                Map.entry("DB_SSL_MODE", "disable"), Map.entry("DB_SSL_REQUIRE_VERIFY_FULL", "false"),
                Map.entry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
                Map.entry("HUB_CLUSTER_DIR", DIR.resolve("cluster-" + database).toAbsolutePath().toString())));
        System.out.println("BackfillKillIT: job " + jobs + " on " + database + ", console in " + log(jobs).toAbsolutePath());
        Process job = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(job::destroyForcibly, "backfill-kill-" + job.pid()));
        return job;
    }

    private static Path log(int job) {
        return DIR.resolve("job-" + job + ".log");
    }


    private void requireAlive(Process job) {
        if (!job.isAlive()) {
            throw new IllegalStateException("job process " + job.pid() + " exited by itself with " + job.exitValue()
                    + ": see " + log(jobs).toAbsolutePath());
        }
    }

    private static long processed(JdbcTemplate store) {
        return count(store, "SELECT coalesce(max(processed), 0) FROM backfill_run");
    }

    private static String status(JdbcTemplate store) {
        try {
            List<String> s = store.queryForList("SELECT status FROM backfill_run ORDER BY id DESC LIMIT 1", String.class);
            return s.isEmpty() ? null : s.get(0);
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return null;
        }
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        try {
            return jdbc.queryForObject(sql, Long.class);
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return 0; // not migrated until the job has started
        }
    }
}
