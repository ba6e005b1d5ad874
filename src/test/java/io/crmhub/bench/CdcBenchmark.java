package io.crmhub.bench;

import io.crmhub.CrmHubApplication;
import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import io.crmhub.it.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.debezium.postgres.DebeziumPostgresComponent;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CDC benchmark, run by hand: {@code mvn -Pbench verify} (see docs/benchmarks.md). Not a test: it measures, it
 * does not assert. It starts the whole hub in-process on the embedded stack and commits realistic ERP changes
 * ({@link ErpLoad}): burst rounds of N changes as fast as JDBC allows, each measured until every change is stored,
 * linked to a golden customer or written as a KPI fact ({@link RoundResult}); then a paced run. Afterwards a bare
 * Debezium engine reads the very same changes from a second slot, to show what capture alone costs here. Ends with
 * one {@code RESULT} line per mode; a run that hits {@code bench.max-minutes} reports what it has.
 */
public final class CdcBenchmark {

    static final String RAW_SLOT = "bench_raw";

    private CdcBenchmark() {}

    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            run(BenchSettings.from(args));
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            FlightRecordings.stopAll(); // before the embedded servers' shutdown hooks, which can hang the JVM's exit
            // Kafka, Debezium and embedded-server threads must not keep the JVM (or exec:exec) waiting
            System.exit(exit);
        }
    }

    static void run(BenchSettings s) throws Exception {
        say("settings: %s", s);
        long t0 = System.currentTimeMillis();
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test")
                .run(commandLine(s.hubProperties()));
        say("hub started in %,d ms", System.currentTimeMillis() - t0);
        ErpConnectorProperties erp = hub.getBean(ErpConnectorProperties.class);
        JdbcTemplate crm = new JdbcTemplate(hub.getBean(DataSource.class));
        String erpUrl = "jdbc:postgresql://" + erp.host() + ":" + erp.port() + "/" + erp.database();
        Map<Long, Long> planted = new HashMap<>();
        try (Connection erpDb = DriverManager.getConnection(erpUrl, erp.user(), erp.password())) {
            awaitStreaming(erpDb, erp.slotName());
            warmUp(s, crm, erpUrl, erp, planted);
            exec(erpDb, "SELECT pg_create_logical_replication_slot('" + RAW_SLOT + "', 'pgoutput')");
        }
        long deadline = System.currentTimeMillis() + s.maxMinutes() * 60_000L;
        long deadLettersBefore = count(crm, "FROM dead_letter");
        ErpLoad load = new ErpLoad(erpUrl, erp.user(), erp.password(), 42);
        MeterRegistry registry = hub.getBean(MeterRegistry.class);

        CpuProfile cpuBefore = CpuProfile.snapshot(erp.port());
        List<RoundResult> bursts = new ArrayList<>();
        for (int r = 1; r <= s.rounds() && s.changes() > 0 && System.currentTimeMillis() < deadline; r++) {
            int round = r;
            RoundResult result = measure(crm, registry, erp.port(),
                    () -> load.run("burst " + round, s.changes(), s.batchSize(), 0), deadline);
            bursts.add(result);
            if (!result.complete()) {
                break; // the next round would measure a hub still working on this one
            }
        }
        List<String> cpu = CpuProfile.snapshot(erp.port()).since(cpuBefore);
        boolean burstsDone = bursts.stream().allMatch(RoundResult::complete);
        RoundResult paced = null;
        if (s.rate() > 0 && burstsDone && System.currentTimeMillis() < deadline) {
            paced = measure(crm, registry, erp.port(),
                    () -> load.run("paced", s.pacedChanges(), s.pacedBatchSize(), s.rate()), deadline);
        }
        planted.putAll(load.plantedCopies());
        IdentityQuality quality = IdentityQuality.measure(crm, planted);
        long deadLetters = count(crm, "FROM dead_letter") - deadLettersBefore;
        List<String> camel = CamelStats.describe();
        String offsets = burstsDone && (paced == null || paced.complete()) ? storeOffsets(hub) : "not waited for";
        RawCapture raw = new RawCapture(hub.getBean(CamelContext.class)
                .getComponent("debezium-postgres", DebeziumPostgresComponent.class).getConfiguration(), RAW_SLOT);
        // closed, the hub cannot take CPU from the raw engine at all
        hub.close();

        long committed = bursts.stream().mapToLong(b -> b.round().changes()).sum()
                + (paced == null ? 0 : paced.round().changes());
        say("raw Debezium capture of the same %,d changes from slot %s ...", committed, RAW_SLOT);
        RawCapture.Result rawResult = raw.run(committed, 300);
        dropRawSlot(erpUrl, erp);
        // the Debezium settings the hub ran with, its own unless the run set them
        new Summary(s.ranWith(erp.maxBatchSize(), erp.pollIntervalMs()), bursts, paced, rawResult, raw.settings(),
                deadLetters, quality).print(camel, cpu, offsets);
    }

    /**
     * Commits a round and waits for it, then says what it took: end to end, the store's batches and stages, the
     * CPU of the hub, of PostgreSQL and of the machine, and (when the embedded PostgreSQL preloads
     * pg_stat_statements) the statements that took the store's time.
     */
    private static RoundResult measure(JdbcTemplate crm, MeterRegistry registry, int pgPort, Load load,
                                       long deadline) throws Exception {
        StoreStages before = StoreStages.snapshot(registry);
        CpuProfile cpu = CpuProfile.snapshot(pgPort);
        StatementStats.reset(crm, line -> say("%s", line));
        LoadRound round = load.commit();
        say("%s: committed %,d changes in %,d transactions in %.1f s (%s)", round.name, round.changes(),
                round.batches(), round.commitSeconds(), round.mix());
        boolean drained = Drain.await(crm, round, deadline);
        // taken before the round's own measuring queries, which would otherwise count as the store's work
        String stages = StoreStages.snapshot(registry).describeSince(before);
        List<String> cpuLines = CpuProfile.snapshot(pgPort).since(cpu);
        List<String> statements = new ArrayList<>();
        StatementStats.print(crm, 15, statements::add);
        RoundResult result = RoundResult.measure(crm, round, drained);
        say("%s: %,.0f changes/s end to end%s; %s", round.name, result.perSecond(),
                result.complete() ? "" : " (INCOMPLETE, partial)", result.endToEnd());
        say("%s: store stages:%s", round.name, stages);
        say("%s: CPU from its first commit until done:", round.name);
        cpuLines.stream().limit(7).forEach(line -> say("%s", line));
        statements.forEach(line -> say("%s", line));
        return result;
    }

    /** Commits one round's changes to the ERP database. */
    @FunctionalInterface
    private interface Load {
        LoadRound commit() throws Exception;
    }

    private static String storeOffsets(ConfigurableApplicationContext hub) {
        HubKafkaProperties kafka = hub.getBean(HubKafkaProperties.class);
        // the store group commits on its next poll: wait for that instead of guessing a delay
        try {
            TopicReader.awaitGroupCaughtUp(kafka.brokers(), kafka.storeGroup(), kafka.topics().canonical(),
                    Duration.ofSeconds(30));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            say("store group still had uncommitted offsets after 30 s");
        }
        return KafkaOffsets.describe(kafka.brokers(), kafka.storeGroup());
    }

    /**
     * Optional: the same kind of load, committed and drained before the measurement, so that the figures
     * describe a JIT-compiled hub with warm pools rather than its first minute. Not counted anywhere.
     */
    private static void warmUp(BenchSettings s, JdbcTemplate crm, String erpUrl, ErpConnectorProperties erp,
            Map<Long, Long> planted) throws Exception {
        if (s.warmup() <= 0) {
            return;
        }
        long t0 = System.currentTimeMillis();
        ErpLoad load = new ErpLoad(erpUrl, erp.user(), erp.password(), 7);
        LoadRound round = load.run("warm-up", s.warmup(), s.batchSize(), 0);
        planted.putAll(load.plantedCopies());
        if (!Drain.await(crm, round, t0 + s.maxMinutes() * 60_000L)) {
            throw new IllegalStateException("warm-up changes did not all get through the hub");
        }
        say("warm-up: %,d changes through the hub in %,d ms", s.warmup(), System.currentTimeMillis() - t0);
        if (s.settleSeconds() > 0) {
            settle(s.settleSeconds());
        }
    }

    /**
     * Waits until the JIT compilers are done with what the warm-up made hot: their total compilation time grows by
     * less than 1 % of the wall time over 10 s, or {@code seconds} pass. Measures a hub that has run for a while
     * rather than one still compiling on the cores being measured.
     */
    private static void settle(int seconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long t0 = System.currentTimeMillis();
        long before = jit.getTotalCompilationTime();
        long[] last = {before, t0};
        try {
            Awaitility.await().pollInterval(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(seconds))
                    .until(() -> {
                        long now = System.currentTimeMillis();
                        long compiled = jit.getTotalCompilationTime();
                        boolean quiet = compiled - last[0] < (now - last[1]) / 100;
                        last[0] = compiled;
                        last[1] = now;
                        return quiet;
                    });
            say("settled: the JIT compilers went quiet after %,d ms (%,d ms of compilation meanwhile)",
                    System.currentTimeMillis() - t0, jit.getTotalCompilationTime() - before);
        } catch (ConditionTimeoutException e) {
            say("settle: the JIT compilers were still busy after %d s (%,d ms of compilation meanwhile); measuring",
                    seconds, jit.getTotalCompilationTime() - before);
        }
    }

    private static void awaitStreaming(Connection erpDb, String slot) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try (Statement st = erpDb.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT coalesce(bool_or(active), false) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                if (rs.next() && rs.getBoolean(1)) {
                    say("Debezium streams from slot %s", slot);
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Debezium did not start streaming from slot " + slot + " within 120 s");
    }

    /** The raw engine's walsender can outlive the engine by a moment: wait until the slot is free, then drop it. */
    private static void dropRawSlot(String erpUrl, ErpConnectorProperties erp) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        try (Connection erpDb = DriverManager.getConnection(erpUrl, erp.user(), erp.password())) {
            while (true) {
                try {
                    exec(erpDb, "SELECT pg_drop_replication_slot('" + RAW_SLOT + "')");
                    return;
                } catch (SQLException stillActive) {
                    if (System.currentTimeMillis() > deadline) {
                        throw stillActive;
                    }
                    Thread.sleep(500);
                }
            }
        } catch (SQLException e) {
            say("could not drop slot %s (the embedded ERP database goes away with this JVM anyway): %s", RAW_SLOT,
                    e.getMessage());
        }
    }

    private static String[] commandLine(Map<String, Object> props) {
        // command-line arguments outrank application-test.yaml, so the benchmark's settings really apply
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static long count(JdbcTemplate crm, String from) {
        Long n = crm.queryForObject("SELECT count(*) " + from, Long.class);
        return n == null ? 0 : n;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
