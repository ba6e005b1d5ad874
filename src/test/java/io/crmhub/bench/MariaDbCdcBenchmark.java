package io.crmhub.bench;

import io.crmhub.CrmHubApplication;
import io.crmhub.connector.database.DatabaseEngineProperties;
import io.crmhub.connector.database.DatabaseSource;
import io.crmhub.connector.database.DatabaseSourcesProperties;
import io.crmhub.it.MariaDbServer;
import io.crmhub.simulator.ErpDataGenerator;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MariaDB CDC benchmark, run by hand: {@code mvn -B -Pbench-mariadb verify [-Dbench.changes=20000]
 * [-Dbench.batch-size=500]}. Not a test: it measures, it does not assert. A real MariaDB server
 * ({@link MariaDbServer}) holds the demo ERP schema; the whole hub runs in-process with it as database source
 * {@code legacy} (the PostgreSQL ERP off). {@code changes} new customers are committed as fast as JDBC allows, in
 * transactions of {@code batch-size}, and timed until every one is in the CRM store (binlog → Debezium → mapping →
 * Kafka → store → identity). Then, with the hub closed, a bare Debezium engine of the same configuration (offsets and
 * schema history in memory, {@code snapshot.mode=never}: the binlog from its start) reads the same changes and only
 * counts them: what capture alone costs here. Last line: {@code RESULT mariadb-cdc ...}.
 */
public final class MariaDbCdcBenchmark {

    private static final String DATABASE = "bench_erp";

    private MariaDbCdcBenchmark() {}

    public static void main(String[] args) throws Exception {
        int exit = 1;
        try {
            run(Long.getLong("bench.changes", 20_000), Integer.getInteger("bench.batch-size", 500));
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.exit(exit);
        }
    }

    static void run(long changes, int batchSize) throws Exception {
        MariaDbServer mariadb = MariaDbServer.start();
        mariadb.createDatabase(DATABASE);
        JdbcTemplate root = new JdbcTemplate(mariadb.rootDataSource(DATABASE));
        String ddl = new ClassPathResource("mariadb/erp-schema.sql").getContentAsString(StandardCharsets.UTF_8);
        for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                root.execute(statement);
            }
        }
        long t0 = System.currentTimeMillis();
        String p = "--hub.connectors.databases[0].";
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test")
                .run("--hub.connectors.erp.enabled=false", "--hub.simulator.erp.enabled=false",
                        p + "name=legacy", p + "kind=mariadb", p + "host=" + mariadb.host(),
                        p + "port=" + mariadb.port(), p + "database=" + DATABASE, p + "user=" + MariaDbServer.USER,
                        p + "password=" + MariaDbServer.PASSWORD, p + "tables=customers");
        say("hub started in %,d ms", System.currentTimeMillis() - t0);
        JdbcTemplate crm = new JdbcTemplate(hub.getBean(DataSource.class));
        String url = mariadb.url(DATABASE);

        insert(url, "P-", 1, 1);
        awaitStored(crm, "P-%", 1, 120_000);
        say("capture streaming: probe customer stored");

        long start = System.currentTimeMillis();
        insert(url, "B-", changes, batchSize);
        long committed = System.currentTimeMillis();
        say("committed %,d customers in %,d ms (%,.0f/s)", changes, committed - start,
                changes * 1000.0 / Math.max(1, committed - start));
        long stored = awaitStored(crm, "B-%", changes, 20 * 60_000);
        long end = System.currentTimeMillis();
        double hubRate = stored * 1000.0 / Math.max(1, end - start);
        say("hub end to end: %,d of %,d stored in %,d ms (%,.0f changes/s)", stored, changes, end - start, hubRate);

        DatabaseSource source = hub.getBean(DatabaseSourcesProperties.class).databases().get(0);
        Properties raw = DatabaseEngineProperties.of(source, hub.getBean(DataSourceProperties.class));
        hub.close();

        raw.keySet().removeIf(k -> k.toString().contains(".jdbc."));
        raw.setProperty("name", "bench-raw");
        raw.setProperty("database.server.id", "5499");
        raw.setProperty("snapshot.mode", "never");
        raw.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        raw.setProperty("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
        long[] rawResult = rawCapture(raw, changes + 1);
        double rawRate = rawResult[0] * 1000.0 / Math.max(1, rawResult[2] - rawResult[1]);
        say("raw capture: %,d records in %,d ms (%,.0f records/s)", rawResult[0], rawResult[2] - rawResult[1],
                rawRate);
        mariadb.close();
        System.out.printf("RESULT mariadb-cdc changes=%d batch=%d commit_per_s=%.0f hub_end_to_end_per_s=%.0f "
                        + "raw_capture_per_s=%.0f hub_share_of_raw=%.2f complete=%s%n", changes, batchSize,
                changes * 1000.0 / Math.max(1, committed - start), hubRate, rawRate, hubRate / rawRate,
                stored == changes && rawResult[0] >= changes + 1);
    }

    /** Realistic customers (the demo ERP simulator's generator): distinct people and companies, as in the PostgreSQL benchmark. */
    private static void insert(String url, String prefix, long n, int batchSize) throws Exception {
        ErpDataGenerator generator = new ErpDataGenerator(prefix.hashCode());
        List<String> columns = List.copyOf(generator.customer(0).keySet());
        String sql = "INSERT INTO customers (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (long i = 1; i <= n; i++) {
                    Map<String, Object> row = generator.customer(i);
                    row.put("customer_no", prefix + i);
                    for (int col = 0; col < columns.size(); col++) {
                        ps.setObject(col + 1, row.get(columns.get(col)));
                    }
                    ps.addBatch();
                    if (i % batchSize == 0 || i == n) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
        }
    }

    private static long awaitStored(JdbcTemplate crm, String like, long expected, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long stored = 0;
        long reported = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            stored = crm.queryForObject("SELECT count(*) FROM customer_record WHERE source_system = 'legacy' "
                    + "AND number LIKE ?", Long.class, like);
            if (stored >= expected) {
                return stored;
            }
            if (System.currentTimeMillis() - reported > 5000) {
                reported = System.currentTimeMillis();
                say("stored %,d / %,d", stored, expected);
            }
            Thread.sleep(100);
        }
        return stored;
    }

    /** Count, first millis, last millis of the customer changes a bare engine reads. */
    private static long[] rawCapture(Properties config, long expected) throws Exception {
        AtomicLong count = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                .using(config)
                .notifying(event -> {
                    SourceRecord r = event.value();
                    if (r == null || !(r.value() instanceof Struct s) || s.schema().field("op") == null) {
                        return;
                    }
                    long now = System.currentTimeMillis();
                    if (count.incrementAndGet() == 1) {
                        first.set(now);
                    }
                    last.set(now);
                })
                .build();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-raw-debezium"));
        runner.submit(engine);
        long deadline = System.currentTimeMillis() + 300_000;
        while (count.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        engine.close();
        runner.shutdown();
        runner.awaitTermination(30, TimeUnit.SECONDS);
        return new long[] {count.get(), first.get(), last.get()};
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
