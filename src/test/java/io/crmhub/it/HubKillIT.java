package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.config.EmbeddedInfrastructure;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hub as its own OS process (the packaged jar, prod profile, addresses from environment variables) against a
 * PostgreSQL and a Kafka started here, killed with SIGKILL while it applies a backlog of ERP changes — no
 * shutdown hook, no graceful stop, a store transaction and a Kafka poll cut off half-way — then started again,
 * three times over. Once drained, the store must hold exactly the ERP's rows: each source row once, each change
 * logged once, every customer linked to a golden customer that counts its links, and the KPI payment facts
 * summing to what SQL over the ERP's receipts says.
 *
 * <p>Every hub start writes its console to {@code target/hub-kill/hub-N.log}.
 */
class HubKillIT {

    /** Generous: on a loaded 2-core machine a hub JVM alone has been seen to take 80 s to start. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Path LOGS = Path.of("target", "hub-kill");
    /** Real customers per wave; 40 % of them are typed in a second time, differently. */
    private static final int CUSTOMERS = Integer.getInteger("kill.customers", 500);
    private static final int DUPLICATE_PERCENT = 40;
    private static final int ROWS_PER_TRANSACTION = 150;

    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final Random random = new Random(42);
    private final List<Kill> kills = new ArrayList<>();
    private final List<List<String>> duplicateGroups = new ArrayList<>();
    private long expectedChanges;
    private int hubStarts;

    private EmbeddedInfrastructure.Endpoints servers;
    private JdbcTemplate erp;
    private TransactionTemplate erpTx;
    private JdbcTemplate crm;

    /** One SIGKILL: how much of the expected change log the store held after it, and the transactions it cut. */
    record Kill(int start, long logged, long expected, String inFlight) {}

    @Test
    void hubKilledMidBatchAndRestartedHoldsExactlyTheSourcesRows() throws Exception {
        servers = EmbeddedInfrastructure.start(0, "kill_crm", "kill_erp");
        new ResourceDatabasePopulator(new ClassPathResource("simulator/erp-schema.sql"))
                .execute(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        servers.jdbcUrl("kill_erp"), "postgres", "postgres"));
        SingleConnectionDataSource erpDs = new SingleConnectionDataSource(servers.jdbcUrl("kill_erp"), "postgres",
                "postgres", true);
        SingleConnectionDataSource crmDs = new SingleConnectionDataSource(servers.jdbcUrl("kill_crm"), "postgres",
                "postgres", true);
        erp = new JdbcTemplate(erpDs);
        erpTx = new TransactionTemplate(new DataSourceTransactionManager(erpDs));
        crm = new JdbcTemplate(crmDs);
        Files.createDirectories(LOGS);
        try (Stream<Path> old = Files.list(LOGS)) {
            for (Path log : old.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        }
        Process hub = null;
        try {
            // 1: killed while applying changes it captured live
            hub = startHub();
            awaitStreaming(hub);
            writeWave(1);
            killWhenApplied(hub, 0.25);

            // 2: changes committed while no hub runs; killed while catching up on them
            awaitSlotInactive();
            writeWave(2);
            hub = startHub();
            killWhenApplied(hub, 0.5);

            // 3: killed again, right after the restart resumed the rest and new changes arrived
            awaitSlotInactive();
            hub = startHub();
            awaitStreaming(hub);
            writeWave(3);
            killWhenApplied(hub, 0.3);

            awaitSlotInactive();
            hub = startHub();
            Process last = hub;
            await().atMost(START_TIMEOUT.plus(TIMEOUT)).pollInterval(Duration.ofMillis(250)).until(() -> {
                requireAlive(last);
                return drained();
            });
            assertStoreHoldsExactlyTheSource();
        } finally {
            if (hub != null && hub.isAlive()) {
                hub.destroy();
                if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                    hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            erpDs.destroy();
            crmDs.destroy();
        }
    }

    private void assertStoreHoldsExactlyTheSource() {
        long erpCustomers = count(erp, "SELECT count(*) FROM customers");
        long erpPayments = count(erp, "SELECT count(*) FROM payment_receipts");
        assertThat(kills).as("kills and what the store held at each").hasSize(3)
                .allSatisfy(k -> assertThat(k.logged()).as("killed mid-stream: %s", k).isLessThan(k.expected()));

        assertThat(count(crm, "SELECT count(*) FROM customer_record WHERE source_system = 'erp'"))
                .as("customer records").isEqualTo(erpCustomers);
        assertThat(count(crm, "SELECT count(DISTINCT source_key) FROM customer_record WHERE source_system = 'erp'"))
                .isEqualTo(erpCustomers);
        assertThat(count(crm, "SELECT count(*) FROM payment_record WHERE source_system = 'erp'"))
                .as("payment records").isEqualTo(erpPayments);
        // every ERP row, by key, is the stored one (no key missing, none invented)
        assertThat(crm.queryForList("SELECT source_key::bigint FROM customer_record WHERE source_system = 'erp' "
                + "ORDER BY 1", Long.class))
                .isEqualTo(erp.queryForList("SELECT id FROM customers ORDER BY id", Long.class));
        assertThat(crm.queryForList("SELECT source_key::bigint FROM payment_record WHERE source_system = 'erp' "
                + "ORDER BY 1", Long.class))
                .isEqualTo(erp.queryForList("SELECT id FROM payment_receipts ORDER BY id", Long.class));
        // the last update of every customer won
        assertThat(count(crm, "SELECT count(*) FROM customer_record WHERE source_system = 'erp' "
                + "AND lifecycle_status = 'PROSPECT'")).isEqualTo(count(erp,
                "SELECT count(*) FROM customers WHERE status = 'PROSPECT'"));

        assertThat(crm.queryForList("""
                SELECT source_system || ':' || source_entity || ':' || source_key || '@' || source_sequence
                    || ' x' || count(*) FROM change_log
                GROUP BY source_system, source_entity, source_key, source_sequence HAVING count(*) > 1
                """, String.class)).as("change_log rows logged more than once").isEmpty();
        assertThat(count(crm, "SELECT count(*) FROM change_log WHERE source_system = 'erp'"))
                .as("every ERP change logged once").isEqualTo(expectedChanges);

        assertThat(crm.queryForList("""
                SELECT r.source_key FROM customer_record r WHERE r.source_system = 'erp' AND NOT EXISTS (
                    SELECT 1 FROM identity_link l WHERE l.source_system = r.source_system
                      AND l.source_entity = r.source_entity AND l.source_key = r.source_key)
                """, String.class)).as("customer records without an identity link").isEmpty();
        assertThat(crm.queryForList("""
                SELECT g.golden_id || ' counts ' || g.member_count || ', has ' || (SELECT count(*) FROM identity_link l
                    WHERE l.golden_id = g.golden_id) FROM golden_customer g
                WHERE g.status = 'ACTIVE' AND g.member_count <> (
                    SELECT count(*) FROM identity_link l WHERE l.golden_id = g.golden_id)
                """, String.class)).as("golden customers whose member_count is not their links").isEmpty();
        assertThat(count(crm, "SELECT count(*) FROM identity_link l JOIN golden_customer g USING (golden_id) "
                + "WHERE g.status <> 'ACTIVE'")).as("links to golden customers that are not active").isZero();
        List<String> split = new ArrayList<>();
        for (List<String> group : duplicateGroups) {
            long goldens = crm.queryForObject("SELECT count(DISTINCT l.golden_id) FROM identity_link l "
                    + "JOIN customer_record r USING (source_system, source_entity, source_key) "
                    + "WHERE r.source_system = 'erp' AND r.number = ANY (?)", Long.class,
                    (Object) group.toArray(String[]::new));
            if (goldens != 1) {
                split.add(group + " in " + goldens);
            }
        }
        assertThat(split).as("re-typed customers not in one golden customer").isEmpty();

        Map<String, Object> source = erp.queryForMap(
                "SELECT count(*) AS n, sum(amount::numeric) AS total FROM payment_receipts");
        Map<String, Object> facts = crm.queryForMap("SELECT count(*) AS n, sum(amount) AS total FROM kpi_fact "
                + "WHERE source_system = 'erp' AND entity = 'payment' AND kind = 'PAYMENT'");
        assertThat(facts.get("n")).as("payment facts").isEqualTo(source.get("n"));
        assertThat((BigDecimal) facts.get("total")).as("sum of payment facts")
                .isEqualByComparingTo((BigDecimal) source.get("total"));
        assertThat(count(crm, "SELECT count(*) FROM dead_letter")).as("dead letters").isZero();
    }

    private boolean drained() {
        return count(crm, "SELECT count(*) FROM change_log WHERE source_system = 'erp'") >= expectedChanges
                && count(crm, "SELECT count(*) FROM identity_link WHERE source_system = 'erp'")
                >= count(erp, "SELECT count(*) FROM customers")
                && count(crm, "SELECT count(*) FROM kpi_fact WHERE source_system = 'erp' AND kind = 'PAYMENT'")
                >= count(erp, "SELECT count(*) FROM payment_receipts");
    }

    /**
     * SIGKILL once the store has logged {@code fraction} of what it still had to apply and one of the hub's store
     * transactions is open and has written (a batch in flight), before the store has everything.
     */
    private void killWhenApplied(Process hub, double fraction) throws InterruptedException {
        long from = changeLogCount();
        long threshold = from + Math.max(1, (long) ((expectedChanges - from) * fraction));
        List<String> inFlight = new ArrayList<>();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> {
            requireAlive(hub);
            if (changeLogCount() < threshold) {
                return false;
            }
            inFlight.clear();
            inFlight.addAll(crm.queryForList("""
                    SELECT pid || ' ' || state || ' for ' || round(extract(epoch FROM clock_timestamp() - xact_start)
                        * 1000) || ' ms: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 50)
                    FROM pg_stat_activity WHERE datname = 'kill_crm' AND pid <> pg_backend_pid()
                      AND backend_xid IS NOT NULL AND query NOT LIKE '%hub_cdc_offsets%'
                    """, String.class));
            return !inFlight.isEmpty();
        });
        hub.destroyForcibly(); // SIGKILL
        assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Kill kill = new Kill(hubStarts, changeLogCount(), expectedChanges, String.join("; ", inFlight));
        kills.add(kill);
        System.out.println("HubKillIT: " + kill);
    }

    private Process startHub() throws IOException {
        hubStarts++;
        Path log = LOGS.resolve("hub-" + hubStarts + ".log");
        List<String> command = new ArrayList<>(HubProcesses.javaCommand());
        command.addAll(List.of("--spring.profiles.active=prod", "--server.port=0", "--management.server.port=0",
                // a cluster of its own on the shared test servers
                "--hub.connectors.erp.slot-name=crm_hub_kill", "--hub.connectors.erp.publication-name=crm_hub_kill",
                "--hub.connectors.scm.enabled=false", "--hub.kafka.store-group=kill-store",
                "--hub.kafka.topics.customer=kill.canonical.customer", "--hub.kafka.topics.order=kill.canonical.order",
                "--hub.kafka.topics.order-line=kill.canonical.order-line",
                "--hub.kafka.topics.payment=kill.canonical.payment",
                "--hub.kafka.topics.interaction=kill.canonical.interaction",
                "--hub.kafka.topics.shipment=kill.canonical.shipment", "--hub.kafka.topics.dead-letter=kill.deadletter",
                "--hub.kafka.topics.identity=kill.identity",
                // smaller batches: more of them in flight when the kill comes
                "--hub.kafka.store-batch-size=200",
                // a killed member never leaves the group: let the broker drop it after 6 s, not the default 45 s
                "--camel.component.kafka.session-timeout-ms=6000",
                "--camel.component.kafka.heartbeat-interval-ms=1000"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(Map.ofEntries(
                Map.entry("CRM_DB_URL", servers.jdbcUrl("kill_crm")), Map.entry("CRM_DB_USER", "postgres"),
                Map.entry("CRM_DB_PASSWORD", "postgres"), Map.entry("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBrokers()),
                Map.entry("KAFKA_TOPIC_PARTITIONS", "3"), Map.entry("KAFKA_TOPIC_REPLICATION", "1"),
                Map.entry("ERP_DB_HOST", servers.postgresHost()),
                Map.entry("ERP_DB_PORT", String.valueOf(servers.postgresPort())), Map.entry("ERP_DB_NAME", "kill_erp"),
                Map.entry("ERP_DB_USER", "postgres"), Map.entry("ERP_DB_PASSWORD", "postgres"),
                // the embedded PostgreSQL and Kafka have no TLS: this test says so (prod requires verify-full and SASL_SSL)
                Map.entry("DB_SSL_MODE", "disable"), Map.entry("DB_SSL_REQUIRE_VERIFY_FULL", "false"),
                Map.entry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
                Map.entry("HUB_CLUSTER_DIR", LOGS.resolve("cluster").toAbsolutePath().toString())));
        System.out.println("HubKillIT: hub start " + hubStarts + ", console in " + log.toAbsolutePath());
        Process hub = builder.start();
        // should this JVM end without reaching the test's finally (a fork timeout), no hub outlives it
        Runtime.getRuntime().addShutdownHook(new Thread(hub::destroyForcibly, "hub-kill-" + hub.pid()));
        return hub;
    }


    private void requireAlive(Process hub) {
        if (!hub.isAlive()) {
            throw new IllegalStateException("hub process " + hub.pid() + " exited by itself with " + hub.exitValue()
                    + ": see " + LOGS.resolve("hub-" + hubStarts + ".log").toAbsolutePath());
        }
    }

    private void awaitStreaming(Process hub) {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            requireAlive(hub);
            return slotActive();
        });
    }

    /** PostgreSQL notices the killed walsender's connection is gone; the next hub can then take the slot. */
    private void awaitSlotInactive() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> !slotActive());
    }

    private boolean slotActive() {
        return Boolean.TRUE.equals(erp.queryForObject("SELECT coalesce(bool_or(active), false) FROM "
                + "pg_replication_slots WHERE slot_name = 'crm_hub_kill'", Boolean.class));
    }

    /**
     * One wave of ERP work, in several transactions: new customers (some typed in twice — e-mail case and spaces,
     * phone format and full-width digits differ), a payment for each real customer, then updates.
     */
    private void writeWave(int wave) {
        List<Object[]> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String number = "K" + run + "-" + wave + "-" + i;
            String mobile = String.format("139%08d", (Math.abs(run.hashCode()) % 90_000_000) + wave * 100_000 + i);
            String email = "kill." + run + "." + wave + "." + i + "@example.com";
            String name = "Kill Test " + wave + " " + i;
            customers.add(new Object[] {number, "P", name, mobile, email});
            if (random.nextInt(100) < DUPLICATE_PERCENT) {
                String retyped = "+86 " + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
                customers.add(new Object[] {number + "-D", "P", name.toUpperCase(), retyped,
                        "  " + email.toUpperCase() + " "});
                duplicateGroups.add(List.of(number, number + "-D"));
            }
        }
        for (int from = 0; from < customers.size(); from += ROWS_PER_TRANSACTION) {
            List<Object[]> chunk = customers.subList(from, Math.min(customers.size(), from + ROWS_PER_TRANSACTION));
            erpTx.executeWithoutResult(s -> erp.batchUpdate("INSERT INTO customers (customer_no, kind, name, mobile, "
                    + "email, status) VALUES (?, ?, ?, ?, ?, 'LEAD')", chunk));
        }
        expectedChanges += customers.size();
        List<Long> ids = erp.queryForList("SELECT id FROM customers WHERE customer_no LIKE ? AND customer_no NOT LIKE "
                + "'%-D' ORDER BY id", Long.class, "K" + run + "-" + wave + "-%");
        List<Object[]> payments = new ArrayList<>();
        for (long id : ids) {
            payments.add(new Object[] {"R" + run + "-" + id, id,
                    (1 + random.nextInt(50_000)) + "." + String.format("%02d", random.nextInt(100))});
        }
        for (int from = 0; from < payments.size(); from += ROWS_PER_TRANSACTION) {
            List<Object[]> chunk = payments.subList(from, Math.min(payments.size(), from + ROWS_PER_TRANSACTION));
            erpTx.executeWithoutResult(s -> erp.batchUpdate("INSERT INTO payment_receipts (receipt_no, customer_id, "
                    + "amount, currency, paid_at, method) VALUES (?, ?, ?, 'CNY', '2024-06-04 13:00', 'BANK')", chunk));
        }
        expectedChanges += payments.size();
        List<Object[]> updates = ids.stream().filter(id -> id % 3 == 0).map(id -> new Object[] {id}).toList();
        erpTx.executeWithoutResult(s -> erp.batchUpdate("UPDATE customers SET status = 'PROSPECT', "
                + "industry = 'Retail', updated_at = now() WHERE id = ?", updates));
        expectedChanges += updates.size();
    }

    private long changeLogCount() {
        return count(crm, "SELECT count(*) FROM change_log WHERE source_system = 'erp'");
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        try {
            return jdbc.queryForObject(sql, Long.class);
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return 0; // the store's schema is not migrated until the first hub has started
        }
    }
}
