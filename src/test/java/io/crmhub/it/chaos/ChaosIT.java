package io.crmhub.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmhub.it.ErpChangeStream;
import io.crmhub.it.HubProcess;
import io.crmhub.it.StoreAudit;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Faults while the ERP keeps changing, every piece its own OS process: the hub (packaged jar, prod profile), the
 * ERP's and the CRM store's PostgreSQL (embedded binaries), and a KRaft Kafka broker on fixed ports. Scenarios run
 * one after another on the same stream, each with its own share of ERP changes (customers typed twice, orders,
 * payments, updates, deletes), and end with the store audited against the ERP and a line
 * {@code RESULT chaos scenario=… changes=… lost=… duplicated=… unlinked=… kpi_diff=…}:
 * <ol>
 * <li>{@code hub-kill}: the hub SIGKILLed {@code chaos.hub-kills} times at random moments and restarted (0 in the
 * default run, where {@code HubKillIT} is the short version);</li>
 * <li>{@code broker-restart}: the broker SIGKILLed and restarted {@code chaos.broker-restarts} times;</li>
 * <li>{@code crm-db-outage}: the CRM PostgreSQL stopped for {@code chaos.db-outage-s} seconds, then started;</li>
 * <li>{@code leader-failover}: a second hub joins, the leader is SIGKILLed and the other takes over capture.</li>
 * </ol>
 * {@code -Dchaos.changes} per scenario: a few hundred in {@code mvn verify}, 100,000 in {@code mvn -Pchaos verify}.
 * Consoles under {@code target/chaos/}. Method and figures: docs/reliability.md.
 */
class ChaosIT {

    private static final int CHANGES = Integer.getInteger("chaos.changes", 300);
    private static final int HUB_KILLS = Integer.getInteger("chaos.hub-kills", 0);
    private static final int BROKER_RESTARTS = Integer.getInteger("chaos.broker-restarts", 1);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("chaos.db-outage-s", 5));
    private static final long SEED = Long.getLong("chaos.seed", 15L);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(Integer.getInteger("chaos.drain-timeout-s", 300));
    private static final Path DIR = Path.of("target", "chaos", Long.toString(System.currentTimeMillis(), 36));
    private static final String NAME = "chaos";
    /** Which scenarios run, in their fixed order: {@code -Dchaos.scenarios=hub-kill} runs only that one. */
    private static final List<String> SCENARIOS = List.of(System.getProperty("chaos.scenarios",
            "hub-kill,broker-restart,crm-db-outage,leader-failover").split(","));
    /**
     * How often the test looks whether a fault is due. Each look counts the store's change log (a scan that grows with
     * the log); the former 5 ms, with a new PostgreSQL connection (a forked backend) per look, competed with the hub
     * for the same two cores (docs/reliability.md, "Why the first full-size run was slow").
     */
    private static final Duration TRIGGER_POLL = Duration.ofMillis(100);
    /** A shop file every so often during each scenario: orders and customers in turn. */
    private static final long FILE_EVERY_MS = Long.getLong("chaos.shop-file-every-ms", 2_000L);

    private final Random random = new Random(SEED);
    private final List<String> results = new ArrayList<>();
    private final List<StoreAudit> audits = new ArrayList<>();
    private RestartablePostgres erpServer;
    private RestartablePostgres crmServer;
    private KafkaBrokerProcess broker;
    private JdbcTemplate erp;
    private JdbcTemplate crm;
    private ErpChangeStream stream;
    private HubProcess.Servers servers;
    private final List<Process> hubs = new ArrayList<>();
    private SideFlows sides;
    /** Where a scenario's time goes: hub restarts (kill → capturing again) and changes logged while a hub ran. */
    private final List<Double> restartSeconds = new ArrayList<>();
    private double runningSeconds;
    private long loggedWhileRunning;
    private long scenarioStart;
    private long scenarioLoggedFrom;
    private int hubStarts;

    @Test
    void nothingIsLostOrDoubledWhateverIsKilled() throws Exception {
        try {
            startServers();
            Process leader = startHub();
            awaitStreaming(leader);
            if (HUB_KILLS > 0 && SCENARIOS.contains("hub-kill")) {
                leader = hubKills(leader);
            }
            if (SCENARIOS.contains("broker-restart")) {
                brokerRestarts(leader);
            }
            if (SCENARIOS.contains("crm-db-outage")) {
                crmOutage(leader);
            }
            if (SCENARIOS.contains("leader-failover")) {
                leaderFailover(leader);
            }
        } finally {
            for (Process hub : hubs) {
                HubProcess.stop(hub);
            }
            if (sides != null) {
                sides.close();
            }
            if (broker != null) {
                broker.close();
            }
            for (RestartablePostgres server : new RestartablePostgres[] {crmServer, erpServer}) {
                if (server != null) {
                    server.close();
                }
            }
        }
        results.forEach(System.out::println);
        assertThat(audits).allSatisfy(a -> assertThat(a.clean()).as(a.result("")).isTrue());
    }

    private Process hubKills(Process hub) throws Exception {
        CompletableFuture<Void> writer = write(CHANGES);
        sides.start(FILE_EVERY_MS);
        for (int k = 0; k < HUB_KILLS; k++) {
            Process running = hub;
            long from = logged();
            long runningFrom = System.nanoTime();
            long step = 1 + random.nextInt(Math.max(1, CHANGES / (HUB_KILLS + 1)));
            await().atMost(DRAIN_TIMEOUT).pollInterval(TRIGGER_POLL).until(() -> {
                requireAlive(running);
                return logged() >= from + step || writer.isDone() && StoreAudit.drained(erp, crm, stream.changes());
            });
            running.destroyForcibly(); // SIGKILL
            long killed = System.nanoTime();
            assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long atKill = logged();
            runningSeconds += (killed - runningFrom) / 1e9;
            loggedWhileRunning += atKill - from;
            System.out.println("ChaosIT: hub killed " + (k + 1) + " of " + HUB_KILLS + " with " + atKill + " of "
                    + stream.changes() + " changes logged (" + (atKill - from) + " in "
                    + Math.round((killed - runningFrom) / 1e9) + " s since it was capturing)");
            awaitSlot(false);
            hub = startHub();
            awaitStreaming(hub);
            restartSeconds.add((System.nanoTime() - killed) / 1e9);
            System.out.printf("ChaosIT: hub capturing again %.1f s after the kill, %d changes logged meanwhile%n",
                    restartSeconds.get(restartSeconds.size() - 1), logged() - atKill);
        }
        audit("hub-kill", writer, hub);
        return hub;
    }

    private void brokerRestarts(Process hub) throws Exception {
        CompletableFuture<Void> writer = write(CHANGES);
        sides.start(FILE_EVERY_MS);
        for (int r = 0; r < BROKER_RESTARTS; r++) {
            long from = logged();
            long step = 1 + random.nextInt(Math.max(1, CHANGES / (BROKER_RESTARTS + 1)));
            await().atMost(DRAIN_TIMEOUT).pollInterval(TRIGGER_POLL).until(() -> {
                requireAlive(hub);
                return logged() >= from + step || writer.isDone();
            });
            broker.kill();
            // the broker stays away a while (the fault's duration, not a wait for a result)
            Thread.sleep(2_000 + random.nextInt(6_000));
            broker.start();
            System.out.println("ChaosIT: broker restarted " + (r + 1) + " of " + BROKER_RESTARTS);
        }
        audit("broker-restart", writer, hub);
    }

    private void crmOutage(Process hub) throws Exception {
        CompletableFuture<Void> writer = write(CHANGES);
        sides.start(FILE_EVERY_MS);
        long from = logged();
        await().atMost(DRAIN_TIMEOUT).pollInterval(TRIGGER_POLL).until(() -> {
            requireAlive(hub);
            return logged() > from + CHANGES / 4 || writer.isDone();
        });
        crmServer.stop();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself
        crmServer.start();
        System.out.println("ChaosIT: CRM PostgreSQL back after " + OUTAGE.toSeconds() + " s");
        audit("crm-db-outage", writer, hub);
    }

    private void leaderFailover(Process leader) throws Exception {
        Process follower = startHub();
        // the follower is up once it shares the store work: both hubs are members of the store group
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", broker.brokers()))) {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                requireAlive(follower);
                return admin.describeConsumerGroups(List.of(NAME + "-store")).all().get()
                        .get(NAME + "-store").members().stream().map(m -> m.host()).distinct().count() >= 1
                        && admin.describeConsumerGroups(List.of(NAME + "-store")).all().get()
                        .get(NAME + "-store").members().size() >= 2;
            });
        }
        CompletableFuture<Void> writer = write(CHANGES);
        sides.start(FILE_EVERY_MS);
        long from = logged();
        await().atMost(DRAIN_TIMEOUT).pollInterval(TRIGGER_POLL).until(() -> {
            requireAlive(leader);
            return logged() > from + CHANGES / 4 || writer.isDone();
        });
        leader.destroyForcibly(); // SIGKILL the leader
        assertThat(leader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        System.out.println("ChaosIT: leader killed with " + logged() + " of " + stream.changes() + " logged");
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            requireAlive(follower);
            return slotActive();
        });
        audit("leader-failover", writer, follower);
    }

    /** Writes {@code changes} more ERP changes in waves, in the background. */
    private CompletableFuture<Void> write(int changes) {
        scenarioStart = System.nanoTime();
        scenarioLoggedFrom = logged();
        restartSeconds.clear();
        runningSeconds = 0;
        loggedWhileRunning = 0;
        long target = stream.changes() + changes;
        return CompletableFuture.runAsync(() -> {
            while (stream.changes() < target) {
                stream.writeWave();
            }
        });
    }

    /**
     * Once the ERP writer is done and the faults are over, the side flows stop producing; everything of every source
     * must then arrive. {@code lost} and {@code unlinked} include the shop's lines and the OA's items.
     */
    private void audit(String scenario, CompletableFuture<Void> writer, Process hub) {
        writer.join();
        sides.stop();
        long drainFrom = System.nanoTime();
        await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            requireAlive(hub);
            requireNoDeadLetter(scenario);
            return StoreAudit.drained(erp, crm, stream.changes()) && kpiCaughtUp() && sides.drained(crm);
        });
        SideFlows.Audit side = sides.audit(crm);
        StoreAudit audit = StoreAudit.of(erp, crm, stream).plus(side.shopLost() + side.oaLost(), side.unlinked());
        audits.add(audit);
        String result = audit.result(scenario) + " shop_lines=%d shop_lost=%d oa_items=%d oa_changes=%d oa_lost=%d"
                .formatted(side.shopLines(), side.shopLost(), side.oaItems(), sides.oaChanges(), side.oaLost());
        results.add(result);
        System.out.println(result);
        System.out.printf("ChaosIT: %s drained %.0f s after the writer and the faults ended; %s%n", scenario,
                (System.nanoTime() - drainFrom) / 1e9, timings());
    }

    /**
     * Every record of the stream is valid: a dead letter is a record lost to a fault, and the store can never drain
     * after it. Fails at once with the letter's reason instead of at the end of the drain wait.
     */
    private void requireNoDeadLetter(String scenario) {
        List<String> letters = crm.queryForList("SELECT route_id || ' ' || source_system || ':' || source_entity || "
                + "' at ' || source_position || ': ' || reason || ' (' || error_class || ')' FROM dead_letter "
                + "ORDER BY id LIMIT 5", String.class);
        assertThat(letters).as("dead letters in scenario %s", scenario).isEmpty();
    }

    private String timings() {
        double seconds = (System.nanoTime() - scenarioStart) / 1e9;
        long applied = logged() - scenarioLoggedFrom;
        String restarts = restartSeconds.isEmpty() ? "" : " hub restarts %d, %.0f s in all (mean %.1f s, max %.1f s); "
                .formatted(restartSeconds.size(), restartSeconds.stream().mapToDouble(d -> d).sum(),
                        restartSeconds.stream().mapToDouble(d -> d).average().orElse(0),
                        restartSeconds.stream().mapToDouble(d -> d).max().orElse(0))
                + "%.0f changes/s logged while a hub was capturing before a kill;".formatted(
                        runningSeconds == 0 ? 0 : loggedWhileRunning / runningSeconds);
        return "scenario %.0f s, %d ERP changes logged, %.0f changes/s overall;%s".formatted(seconds, applied,
                applied / seconds, restarts);
    }

    private boolean kpiCaughtUp() {
        return crm.queryForObject("SELECT count(*) FROM kpi_fact WHERE source_system = 'erp' AND kind = 'PAYMENT'",
                Long.class) >= erp.queryForObject("SELECT count(*) FROM payment_receipts", Long.class);
    }

    private void startServers() throws Exception {
        erpServer = new RestartablePostgres(DIR.resolve("erp-pg"), freePort(), true);
        erpServer.start();
        erpServer.createDatabase("chaos_erp");
        crmServer = new RestartablePostgres(DIR.resolve("crm-pg"), freePort(), false);
        crmServer.start();
        crmServer.createDatabase("chaos_crm");
        broker = new KafkaBrokerProcess(DIR.resolve("kafka"), freePort(), freePort());
        broker.start();
        javax.sql.DataSource erpDs = pool(erpServer.jdbcUrl("chaos_erp"));
        new ResourceDatabasePopulator(new ClassPathResource("simulator/erp-schema.sql")).execute(erpDs);
        erp = new JdbcTemplate(erpDs);
        // a small pool, not a connection per query: Hikari drops the broken connections when the store restarts
        crm = new JdbcTemplate(pool(crmServer.jdbcUrl("chaos_crm")));
        int perWave = Math.max(10, (int) (CHANGES / 3.9 / 5));
        stream = new ErpChangeStream(erp, new TransactionTemplate(new DataSourceTransactionManager(erpDs)),
                Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36), perWave, 40, true, SEED);
        sides = new SideFlows(DIR.resolve("shop-inbox"), Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36),
                Math.max(10, Math.min(50, CHANGES / 2_000)), SEED);
        servers = new HubProcess.Servers(crmServer.jdbcUrl("chaos_crm"), broker.brokers(), "localhost",
                erpServer.port(), "chaos_erp");
    }

    private Process startHub() throws Exception {
        hubStarts++;
        Process hub = HubProcess.start(servers, NAME, DIR.resolve("cluster"), DIR.resolve("hub-" + hubStarts + ".log"),
                sides.hubArguments());
        hubs.add(hub);
        return hub;
    }

    private void awaitStreaming(Process hub) {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            requireAlive(hub);
            return slotActive();
        });
    }

    private void awaitSlot(boolean active) {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> slotActive() == active);
    }

    private boolean slotActive() {
        return Boolean.TRUE.equals(erp.queryForObject("SELECT coalesce(bool_or(active), false) FROM "
                + "pg_replication_slots WHERE slot_name = ?", Boolean.class, HubProcess.slot(NAME)));
    }

    private long logged() {
        try {
            return crm.queryForObject("SELECT count(*) FROM change_log WHERE source_system = 'erp'", Long.class);
        } catch (org.springframework.dao.DataAccessException e) {
            return 0; // not migrated yet, or the store is away
        }
    }

    private void requireAlive(Process hub) {
        if (!hub.isAlive()) {
            throw new IllegalStateException("hub process " + hub.pid() + " exited by itself with " + hub.exitValue()
                    + ": see the consoles in " + DIR.toAbsolutePath());
        }
    }

    private static com.zaxxer.hikari.HikariDataSource pool(String url) {
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setPassword("postgres");
        pool.setMaximumPoolSize(3);
        pool.setMinimumIdle(0);
        // while the store is away, a look fails fast instead of waiting 30 s for a connection
        pool.setConnectionTimeout(2_000);
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
