package io.crmhub.bench;

import io.crmhub.it.TopicReader;

import io.crmhub.CrmHubApplication;
import io.crmhub.config.HubKafkaProperties;
import io.crmhub.connector.erp.ErpConnectorProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.debezium.postgres.DebeziumPostgresComponent;
import org.apache.camel.component.debezium.postgres.configuration.PostgresConnectorEmbeddedDebeziumConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CDC benchmark, run by hand: {@code mvn -Pbench verify -Dbench.changes=100000} (see docs/benchmarks.md).
 * Not a test: it measures, it does not assert. It starts the whole hub in-process on the embedded stack,
 * commits N ERP changes as fast as JDBC allows, waits until each one is in the CRM store's change_log and
 * reports end-to-end throughput and commit → store latency; then it lets a bare Debezium engine read the very
 * same changes from a second slot, to show what capture alone costs on this machine.
 */
public final class CdcBenchmark {

    static final String RAW_SLOT = "bench_raw";
    private static final String BENCH_ROWS = "FROM change_log WHERE source_system = 'erp' AND op <> 'READ'";

    private CdcBenchmark() {}

    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            run(BenchSettings.from(args));
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
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
        try (Connection erpDb = DriverManager.getConnection(erpUrl, erp.user(), erp.password())) {
            awaitStreaming(erpDb, erp.slotName());
            warmUp(s, crm, erpUrl, erp);
            exec(erpDb, "SELECT pg_create_logical_replication_slot('" + RAW_SLOT + "', 'pgoutput')");
        }
        long deadLettersBefore = count(crm, "FROM dead_letter");
        long before = count(crm, BENCH_ROWS);

        CpuProfile cpuBefore = CpuProfile.snapshot(erp.port());
        ErpLoad load = new ErpLoad(erpUrl, erp.user(), erp.password(), 42);
        load.run(s.changes(), s.batchSize(), s.rate());
        double commitSeconds = (load.lastCommitMillis() - load.firstCommitMillis()) / 1000.0;
        say("committed %,d changes in %,d transactions (%s) in %.1f s after the first commit",
                s.changes(), load.batches(), load.mix(), commitSeconds);

        boolean complete = awaitStore(crm, before, s.changes(), s.timeoutSeconds());
        List<String> cpu = CpuProfile.snapshot(erp.port()).since(cpuBefore);
        StoreResult store = storeResult(crm, load);
        long deadLetters = count(crm, "FROM dead_letter") - deadLettersBefore;
        List<String> camel = CamelStats.describe();
        HubKafkaProperties kafka = hub.getBean(HubKafkaProperties.class);
        // the store group commits on its next poll: wait for that instead of guessing a delay
        try {
            TopicReader.awaitGroupCaughtUp(kafka.brokers(), kafka.storeGroup(), kafka.topics().canonical(),
                    java.time.Duration.ofSeconds(30));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            say("store group still had uncommitted offsets after 30 s");
        }
        String offsets = KafkaOffsets.describe(kafka.brokers(), kafka.storeGroup());
        PostgresConnectorEmbeddedDebeziumConfiguration dbz =
                hub.getBean(CamelContext.class).getComponent("debezium-postgres", DebeziumPostgresComponent.class)
                        .getConfiguration();
        RawCapture raw = new RawCapture(dbz, RAW_SLOT);
        // the hub is idle now, but closed it cannot take CPU from the raw engine at all
        hub.close();

        say("raw Debezium capture of the same changes from slot %s ...", RAW_SLOT);
        RawCapture.Result rawResult = raw.run(s.changes(), s.timeoutSeconds());
        try (Connection erpDb = DriverManager.getConnection(erpUrl, erp.user(), erp.password())) {
            exec(erpDb, "SELECT pg_drop_replication_slot('" + RAW_SLOT + "')");
        }
        Summary.print(s, load, commitSeconds, complete, store, deadLetters, camel, cpu, offsets, rawResult, raw.settings());
    }

    /** What reached the store: per-change latency and when the last change was applied. */
    record StoreResult(long applied, long lastAppliedMillis, Latencies latencies, int unmatched) {}

    private static StoreResult storeResult(JdbcTemplate crm, ErpLoad load) {
        List<Long> latencies = new ArrayList<>();
        long[] last = {0};
        int[] unmatched = {0};
        // rows of the warm-up are not in this load's key map and are skipped as unmatched
        crm.query("SELECT source_entity, source_key, op, (extract(epoch FROM applied_at) * 1000)::bigint AS applied "
                + BENCH_ROWS, rs -> {
                    ErpLoad.ChangeKey key = new ErpLoad.ChangeKey(rs.getString(1), Long.parseLong(rs.getString(2)),
                            rs.getString(3));
                    Integer batch = load.batchOf().get(key);
                    long applied = rs.getLong(4);
                    if (batch == null) {
                        unmatched[0]++;
                        return;
                    }
                    latencies.add(applied - load.commitMillis(batch));
                    last[0] = Math.max(last[0], applied);
                });
        return new StoreResult(latencies.size(), last[0],
                new Latencies(latencies.stream().mapToLong(Long::longValue).toArray()), unmatched[0]);
    }

    /**
     * Optional: the same kind of load, committed and drained before the measurement, so that the figures
     * describe a JIT-compiled hub with warm pools rather than its first minute. Not counted anywhere.
     */
    private static void warmUp(BenchSettings s, JdbcTemplate crm, String erpUrl, ErpConnectorProperties erp)
            throws Exception {
        if (s.warmup() <= 0) {
            return;
        }
        long before = count(crm, BENCH_ROWS);
        long t0 = System.currentTimeMillis();
        new ErpLoad(erpUrl, erp.user(), erp.password(), 7).run(s.warmup(), s.batchSize(), 0);
        if (!awaitStore(crm, before, s.warmup(), s.timeoutSeconds())) {
            throw new IllegalStateException("warm-up changes did not all reach the store");
        }
        say("warm-up: %,d changes through the hub in %,d ms", s.warmup(), System.currentTimeMillis() - t0);
    }

    private static boolean awaitStore(JdbcTemplate crm, long before, int expected, long timeoutSeconds)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = start + timeoutSeconds * 1000;
        long previous = 0;
        long previousAt = start;
        while (true) {
            long n = count(crm, BENCH_ROWS) - before;
            long now = System.currentTimeMillis();
            if (n >= expected) {
                return true;
            }
            if (now > deadline) {
                say("TIMEOUT: only %,d of %,d changes reached the store", n, expected);
                return false;
            }
            if (now - previousAt >= 5000) {
                say("store: %,d / %,d changes applied (%.0f/s over the last %.0f s)", n, expected,
                        (n - previous) * 1000.0 / (now - previousAt), (now - previousAt) / 1000.0);
                previous = n;
                previousAt = now;
            }
            Thread.sleep(250);
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
