package io.crmhub.bench;

import static org.awaitility.Awaitility.await;

import io.crmhub.CrmHubApplication;
import io.crmhub.config.HubKafkaProperties;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shop file benchmark, end to end through the real hub: {@code mvn -B -Pbench-shop -DskipTests verify}
 * (docs/benchmarks-shop.md). Starts the whole hub in this JVM (embedded PostgreSQL and Kafka, shop connector on a
 * temporary inbox), then {@code bench.shop.runs} times drops a generated order export of {@code bench.shop.lines}
 * lines into the inbox and measures drop → every canonical event acknowledged by Kafka (topic end offsets, and the
 * file in {@code done/}), i.e. the connector's read, mapping and publishing. The CRM store applies concurrently;
 * how many lines it holds at that moment is reported, and with {@code bench.shop.await-store=true} the run also
 * waits until every line is in {@code order_line_record}; with {@code bench.shop.store=false} the store stage is
 * stopped, to measure the publishing path alone. Not a test: it measures, it asserts nothing.
 */
public final class ShopFileBenchmark {

    private static final String STORED = "SELECT count(*) FROM order_line_record WHERE source_system = 'shop'";

    private ShopFileBenchmark() {}

    public static void main(String[] args) {
        int exit = 1;
        try {
            run();
            exit = 0;
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
        } finally {
            System.exit(exit); // Kafka and embedded-server threads must not keep exec:exec waiting
        }
    }

    static void run() throws Exception {
        int lines = Integer.getInteger("bench.shop.lines", 1_000_000);
        int runs = Integer.getInteger("bench.shop.runs", 3);
        boolean awaitStore = Boolean.getBoolean("bench.shop.await-store");
        boolean store = !"false".equals(System.getProperty("bench.shop.store"));
        Path dir = Files.createTempDirectory("shop-bench");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(CrmHubApplication.class)
                .profiles("local", "test").run(
                        "--hub.connectors.shop.enabled=true", "--hub.connectors.shop.inbox=" + inbox,
                        "--hub.connectors.shop.min-file-age-ms=200", "--hub.connectors.shop.poll-delay-ms=100",
                        "--hub.connectors.erp.enabled=false", "--logging.level.root=WARN",
                        "--logging.level.io.crmhub=INFO", "--hub.publish.chunk-size="
                                + System.getProperty("bench.shop.chunk-size", "1000"));
        if (!store) {
            // the publishing path alone: the store stage would take its share of the same two cores
            hub.getBean(org.apache.camel.CamelContext.class).getRouteController().stopRoute("canonical-store-apply");
        }
        HubKafkaProperties kafka = hub.getBean(HubKafkaProperties.class);
        JdbcTemplate crm = new JdbcTemplate(hub.getBean(DataSource.class));
        List<Run> results = new ArrayList<>();
        StatementStats.reset(crm, ShopFileBenchmark::say);
        for (int i = 0; i < runs; i++) {
            Path file = dir.resolve("orders-2024060" + (i % 9 + 1) + "T130000.csv");
            long events = generate(file, lines, i);
            say("run %d: generated %,d lines (%,d canonical events), %,d bytes", i + 1, lines, events, Files.size(file));
            results.add(measure(file, inbox, lines, events, kafka, crm, awaitStore));
            say("run %d: %s", i + 1, results.get(i));
        }
        say("where the store's time went (all runs):");
        hub.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("hub.store.batch.stage").timers()
                .forEach(t -> say("  stage %-22s %8.1f s in %,d batches", t.getId().getTag("stage"),
                        t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0, t.count()));
        StatementStats.print(crm, 12, ShopFileBenchmark::say);
        report(lines, results, store);
        hub.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Run(double publishSeconds, long stored, double storeSeconds, long peakHeapMb) {
        @Override
        public String toString() {
            return String.format("published in %.1f s; %,d lines in the store then%s; peak heap %,d MiB",
                    publishSeconds, stored, storeSeconds > 0 ? String.format(", all stored after %.1f s",
                            storeSeconds) : "", peakHeapMb);
        }
    }

    private static Run measure(Path file, Path inbox, int lines, long events, HubKafkaProperties kafka,
            JdbcTemplate crm, boolean awaitStore) throws Exception {
        Set<String> topics = Set.of(kafka.topics().order(), kafka.topics().orderLine());
        try (Admin admin = KafkaOffsets.admin(kafka.brokers())) {
            long offsetsBefore = KafkaOffsets.end(admin, topics);
            long storedBefore = crm.queryForObject(STORED, Long.class);
            long committedBefore = KafkaOffsets.committed(admin, kafka.storeGroup(), topics);
            System.gc();
            HeapPeak heap = new HeapPeak();
            Path done = inbox.resolve("done").resolve(file.getFileName());
            Path error = inbox.resolve("error").resolve(file.getFileName());
            long t0 = System.nanoTime();
            Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            // polling a file system and topic offsets: there is nothing to wait on
            await("the file done and its events in Kafka").atMost(Duration.ofMinutes(30)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (Files.exists(error)) {
                            throw new IllegalStateException("the hub moved " + file.getFileName() + " to error/");
                        }
                        return Files.exists(done) && KafkaOffsets.end(admin, topics) - offsetsBefore >= events;
                    });
            double published = (System.nanoTime() - t0) / 1e9;
            long peak = heap.peakMb();
            heap.close();
            long stored = crm.queryForObject(STORED, Long.class) - storedBefore;
            double storeSeconds = 0;
            if (awaitStore) {
                // progress from the store consumers' committed offsets (committed after each database commit), not a
                // count(*) over a million rows every half second that would take a share of the cores it measures
                await("every event's offset committed by the store consumers").atMost(Duration.ofMinutes(30))
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() ->
                                KafkaOffsets.committed(admin, kafka.storeGroup(), topics) - committedBefore >= events);
                storeSeconds = (System.nanoTime() - t0) / 1e9;
                long all = crm.queryForObject(STORED, Long.class) - storedBefore;
                if (all < lines) {
                    throw new IllegalStateException("offsets committed for every event, yet " + all + " of " + lines
                            + " lines in the store");
                }
            }
            return new Run(published, stored, storeSeconds, peak);
        }
    }

    private static void report(int lines, List<Run> runs, boolean store) throws Exception {
        double[] seconds = runs.stream().mapToDouble(Run::publishSeconds).sorted().toArray();
        double median = seconds[seconds.length / 2];
        long heap = runs.stream().mapToLong(Run::peakHeapMb).max().orElse(0);
        String storeRate = runs.stream().allMatch(r -> r.storeSeconds() > 0)
                ? String.format(" stored_lines_per_s=%.0f", lines / runs.stream().mapToDouble(Run::storeSeconds)
                        .sorted().toArray()[runs.size() / 2]) : "";
        System.out.printf("RESULT shop_file lines=%d runs=%d lines_per_s=%.0f seconds_median=%.1f seconds_all=%s "
                        + "heap_max_mb=%d heap_limit_mb=%d records_per_request=%.1f store_running=%s%s%n", lines,
                runs.size(),
                lines / median, median, java.util.Arrays.toString(runs.stream().mapToDouble(Run::publishSeconds)
                        .map(s -> Math.round(s * 10) / 10.0).toArray()).replace(" ", ""),
                heap, Runtime.getRuntime().maxMemory() >> 20, recordsPerRequest(), store, storeRate);
    }

    /** The Kafka producers' own average of records per produce request (JMX), highest of the hub's producers. */
    static double recordsPerRequest() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        double best = 0;
        for (ObjectName name : jmx.queryNames(new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
            Object v = jmx.getAttribute(name, "records-per-request-avg");
            if (v instanceof Double d && !d.isNaN()) {
                best = Math.max(best, d);
            }
        }
        return best;
    }

    /**
     * Orders of one to three lines, Chinese product names, a few full-width and thousands-separated values; order
     * numbers differ per run so that each file is new content. Returns the canonical events (lines + orders).
     */
    static long generate(Path file, int lines, int run) throws IOException {
        long orders = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("order_no,order_time,customer_id,status,currency,order_total,line_no,sku,product_name,"
                    + "quantity,unit_price,line_amount\n");
            int written = 0;
            for (long order = 1; written < lines; order++) {
                int n = (int) Math.min(1 + order % 3, lines - written);
                String head = "SO" + (run + 1) + (10_000_000 + order) + ",2024/6/4 13:"
                        + String.format("%02d", order % 60) + ",U" + (order % 50_000) + ",PAID,CNY,\"1,2" + n
                        + "0.00\",";
                for (int line = 1; line <= n; line++) {
                    w.write(head + line + ",SKU-" + (order * 7 + line) % 9999 + ",不锈钢保温杯 500ml,"
                            + (line == 2 ? "２" : "1") + ",\"1,2" + line + "0.00\",1" + line + "0.00\n");
                }
                written += n;
                orders++;
            }
        }
        return lines + orders;
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
