package io.crmhub.bench;

import io.crmhub.CrmHubApplication;
import io.crmhub.config.EmbeddedInfrastructure;
import io.crmhub.identity.eval.SyntheticCsv;
import io.crmhub.ops.backfill.BackfillObserver;
import io.crmhub.ops.backfill.BackfillReport;
import io.crmhub.ops.backfill.BackfillRequest;
import io.crmhub.ops.backfill.BackfillService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The migration benchmark, run by hand: {@code mvn -B -ntp -Pbench-backfill verify -Dbench.records=100000
 * -Dbench.existing=100000} (docs/backfill.md). Not a test. Writes two files with the identity evaluation's generator
 * ({@link SyntheticCsv}, different seeds): {@code existing} customers, backfilled first so that the store already
 * holds them (system {@code live}), then the measured file of {@code records} customers (system {@code legacy}),
 * both with the dry run's mapping. Starts the hub in-process (embedded PostgreSQL and Kafka, ERP capture off), runs
 * the backfill command's service, and prints the report, the store's stage times and, last, {@code RESULT backfill
 * records=… seconds=… records_per_s=… golden=… peak_heap_mb=… after_gc_heap_mb=…} (the most heap in use at once during
 * the measured run and the most still in use after a collection, {@link HeapPeak}; B-cubed F1 of the backfilled
 * clusters against the generator's truth as {@code bcubed_f1}).
 */
public final class BackfillBenchmark {

    private static final Path DIR = Path.of("target", "backfill-bench");

    private BackfillBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 100_000);
        int existing = Integer.getInteger("bench.existing", 100_000);
        long seed = Long.getLong("bench.seed", 11);
        int pageSize = Integer.getInteger("bench.page-size", 1000);
        String extra = System.getProperty("bench.args", "");
        int exit = 1;
        try {
            Files.createDirectories(DIR);
            Path file = generated("legacy", records, seed, "m");
            Path seedFile = existing == 0 ? null : generated("live", existing, seed + 1_000, "s");
            Path legacyMapping = mapping("legacy");
            Path liveMapping = mapping("live");
            try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                    .profiles("local", "test")
                    .run(("--hub.connectors.erp.enabled=false --hub.simulator.erp.enabled=false "
                            + "--logging.level.root=WARN --logging.level.io.crmhub.ops.backfill=INFO " + extra)
                            .trim().split("\\s+"))) {
                BackfillService backfill = hub.getBean(BackfillService.class);
                JdbcTemplate crm = new JdbcTemplate(hub.getBean(DataSource.class));
                MeterRegistry registry = hub.getBean(MeterRegistry.class);
                if (seedFile != null) {
                    BackfillReport seeded = backfill.run(request(seedFile, liveMapping, pageSize), BackfillObserver.NONE);
                    say("store seeded: %,d customers in %.1f s (%,.0f records/s), %,d golden customers", existing,
                            seeded.seconds(), seeded.rate(), seeded.reconciliation().goldenCount());
                }
                crm.execute("VACUUM ANALYZE");
                System.gc();
                HeapPeak heap = new HeapPeak();
                StatementStats.reset(crm, BackfillBenchmark::say);
                StoreStages before = StoreStages.snapshot(registry);
                long t0 = System.nanoTime();
                BackfillReport report = backfill.run(request(file, legacyMapping, pageSize), BackfillObserver.NONE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                heap.close();
                String breakdown = StoreStages.snapshot(registry).describeSince(before);
                say("report:%n%s", report.text());
                say("store batch stages:%s", breakdown);
                StatementStats.print(crm, 20, BackfillBenchmark::say);
                double f1 = bcubed(crm, file);
                System.out.printf(Locale.ROOT, "RESULT backfill records=%d seconds=%.1f records_per_s=%.0f golden=%d"
                        + " peak_heap_mb=%d after_gc_heap_mb=%d heap_limit_mb=%d existing=%d page_size=%d bcubed_f1=%.4f"
                        + " apply_seconds=%.1f%n", records, seconds, records / seconds,
                        report.reconciliation().goldenCount(), heap.peakMb(), heap.afterGcMb(),
                        Runtime.getRuntime().maxMemory() >> 20, existing, pageSize, f1, report.seconds());
                exit = 0;
            }
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.out.flush();
            FlightRecordings.stopAll();
            // halt runs no shutdown hook: the embedded servers are stopped here (the hub context is closed already)
            EmbeddedInfrastructure.shutdown();
            Runtime.getRuntime().halt(exit);
        }
    }

    private static BackfillRequest request(Path file, Path mapping, int pageSize) {
        return new BackfillRequest("file", null, null, null, 0, pageSize, 0, true, file.toString(),
                mapping.toString());
    }

    /** The file of {@code n} generated customers, written once per size and seed. */
    private static Path generated(String name, int n, long seed, String prefix) throws IOException {
        Path file = DIR.resolve(name + "-" + n + "-" + seed + ".csv");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            SyntheticCsv.write(file, n, seed, prefix);
            say("generated %s (%,d customers, %,d MB) in %.1f s", file, n, Files.size(file) >> 20,
                    (System.nanoTime() - t) / 1e9);
        }
        return file;
    }

    /** The dry run's mapping with the source system renamed. */
    private static Path mapping(String system) throws IOException {
        Path mapping = DIR.resolve("mapping-" + system + ".yaml");
        Files.writeString(mapping, Files.readString(Path.of("mappings/dry-run/customers.yaml"))
                .replace("id: dry-run-customers", "id: " + system + "-customers")
                .replace("system: dry-run", "system: " + system));
        return mapping;
    }

    /** B-cubed F1 of the backfilled records' golden customers against the generator's entity column. */
    private static double bcubed(JdbcTemplate crm, Path file) throws IOException {
        Map<String, Integer> truth = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                truth.put(r.get("id"), Integer.parseInt(r.get("entity")));
            }
        }
        Map<String, Integer> clusterSize = new HashMap<>();
        Map<Integer, Integer> entitySize = new HashMap<>();
        Map<String, Integer> cells = new HashMap<>();
        long[] n = {0};
        crm.query("SELECT source_key, golden_id::text FROM identity_link WHERE source_system = 'legacy'", rs -> {
            Integer entity = truth.get(rs.getString(1));
            if (entity != null) {
                n[0]++;
                clusterSize.merge(rs.getString(2), 1, Integer::sum);
                entitySize.merge(entity, 1, Integer::sum);
                cells.merge(rs.getString(2) + "|" + entity, 1, Integer::sum);
            }
        });
        double p = 0;
        double r = 0;
        for (Map.Entry<String, Integer> cell : cells.entrySet()) {
            int bar = cell.getKey().lastIndexOf('|');
            double c = cell.getValue();
            p += c * c / clusterSize.get(cell.getKey().substring(0, bar));
            r += c * c / entitySize.get(Integer.parseInt(cell.getKey().substring(bar + 1)));
        }
        p /= n[0];
        r /= n[0];
        return 2 * p * r / (p + r);
    }

    private static void say(String line) {
        System.out.println("[backfill-bench] " + line);
    }

    private static void say(String format, Object... args) {
        say(String.format(Locale.ROOT, format, args));
    }
}
