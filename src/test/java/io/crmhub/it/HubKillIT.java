package io.crmhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.config.EmbeddedInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * summing to what SQL over the ERP's receipts says. Shop files and OA changes flow meanwhile ({@code SideFlows}): every
 * shop line and OA item must be in the store once, at its latest version.
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

    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final List<Kill> kills = new ArrayList<>();
    private ErpChangeStream stream;
    private io.crmhub.it.chaos.SideFlows sides;
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
        stream = new ErpChangeStream(erp, erpTx, run, CUSTOMERS, DUPLICATE_PERCENT, false, 42);
        Files.createDirectories(LOGS);
        try (Stream<Path> old = Files.list(LOGS)) {
            for (Path log : old.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        }
        sides = new io.crmhub.it.chaos.SideFlows(LOGS.resolve("shop-inbox-" + run), run, 10, 42);
        // shop files and OA changes flow through all three kills, as in ChaosIT
        sides.start(2_000);
        Process hub = null;
        try {
            // 1: killed while applying changes it captured live
            hub = startHub();
            awaitStreaming(hub);
            stream.writeWave();
            killWhenApplied(hub, 0.25);

            // 2: changes committed while no hub runs; killed while catching up on them
            awaitSlotInactive();
            stream.writeWave();
            hub = startHub();
            killWhenApplied(hub, 0.5);

            // 3: killed again, right after the restart resumed the rest and new changes arrived
            awaitSlotInactive();
            hub = startHub();
            awaitStreaming(hub);
            stream.writeWave();
            killWhenApplied(hub, 0.3);

            awaitSlotInactive();
            sides.stop();
            hub = startHub();
            Process last = hub;
            await().atMost(START_TIMEOUT.plus(TIMEOUT)).pollInterval(Duration.ofMillis(250)).until(() -> {
                requireAlive(last);
                return drained();
            });
            assertStoreHoldsExactlyTheSource();
        } finally {
            HubProcess.stop(hub);
            sides.close();
            erpDs.destroy();
            crmDs.destroy();
        }
    }

    private void assertStoreHoldsExactlyTheSource() {
        assertThat(kills).as("kills and what the store held at each").hasSize(3)
                .allSatisfy(k -> assertThat(k.logged()).as("killed mid-stream: %s", k).isLessThan(k.expected()));
        io.crmhub.it.chaos.SideFlows.Audit side = sides.audit(crm);
        StoreAudit audit = StoreAudit.of(erp, crm, stream).plus(side.shopLost() + side.oaLost(), side.unlinked());
        String result = audit.result("hub-kill-short") + " shop_lines=%d shop_lost=%d oa_items=%d oa_changes=%d oa_lost=%d"
                .formatted(side.shopLines(), side.shopLost(), side.oaItems(), sides.oaChanges(), side.oaLost());
        System.out.println(result);
        assertThat(audit.clean()).as(result).isTrue();
        // the last update of every customer won
        assertThat(count(crm, "SELECT count(*) FROM customer_record WHERE source_system = 'erp' "
                + "AND lifecycle_status = 'PROSPECT'")).isEqualTo(count(erp,
                "SELECT count(*) FROM customers WHERE status = 'PROSPECT'"));
        assertThat(crm.queryForList("""
                SELECT g.golden_id || ' counts ' || g.member_count || ', has ' || (SELECT count(*) FROM identity_link l
                    WHERE l.golden_id = g.golden_id) FROM golden_customer g
                WHERE g.status = 'ACTIVE' AND g.member_count <> (
                    SELECT count(*) FROM identity_link l WHERE l.golden_id = g.golden_id)
                """, String.class)).as("golden customers whose member_count is not their links").isEmpty();
    }

    private boolean drained() {
        return StoreAudit.drained(erp, crm, stream.changes()) && sides.drained(crm)
                && count(crm, "SELECT count(*) FROM kpi_fact WHERE source_system = 'erp' AND kind = 'PAYMENT'")
                >= count(erp, "SELECT count(*) FROM payment_receipts");
    }

    /**
     * SIGKILL once the store has logged {@code fraction} of what it still had to apply and one of the hub's store
     * transactions is open and has written (a batch in flight), before the store has everything.
     */
    private void killWhenApplied(Process hub, double fraction) throws InterruptedException {
        long from = changeLogCount();
        long threshold = from + Math.max(1, (long) ((stream.changes() - from) * fraction));
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
        Kill kill = new Kill(hubStarts, changeLogCount(), stream.changes(), String.join("; ", inFlight));
        kills.add(kill);
        System.out.println("HubKillIT: " + kill);
    }

    private Process startHub() throws IOException {
        hubStarts++;
        return HubProcess.start(new HubProcess.Servers(servers.jdbcUrl("kill_crm"), servers.kafkaBrokers(),
                        servers.postgresHost(), servers.postgresPort(), "kill_erp"), "kill", LOGS.resolve("cluster"),
                LOGS.resolve("hub-" + hubStarts + ".log"), sides.hubArguments());
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
