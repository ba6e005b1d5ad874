package io.crmhub.bench;

import io.crmhub.canonical.CanonicalJson;
import io.crmhub.canonical.SourceChange;
import io.crmhub.connector.shop.EncodingDetector;
import io.crmhub.connector.shop.FileFacts;
import io.crmhub.connector.shop.ShopConnectorProperties;
import io.crmhub.connector.shop.ShopFileChanges;
import io.crmhub.connector.shop.ShopFileIntake;
import io.crmhub.mapping.MappingEngine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Streams a generated order export of {@code bench.shop.lines} lines (default 1,000,000) through the shop
 * connector's read path: hash + encoding pass, line reader, CSV parsing, conversion, validation by the
 * mappings, and the mapping + JSON serialisation canonical-publish does before Kafka. Kafka and the store are
 * left out (their throughput is in docs/benchmarks.md). Run with a small heap to show that the file is
 * streamed: {@code mvn -B -Pbench-shop -DskipTests verify} (uses -Xmx256m). Not a test: it has no pass/fail.
 */
public final class ShopFileBenchmark {

    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("bench.shop.lines", 1_000_000);
        Path dir = Files.createTempDirectory("shop-bench");
        Path file = dir.resolve("orders-20240604T130000.csv");
        generate(file, lines);
        System.out.printf("generated %,d lines, %,d bytes%n", lines, Files.size(file));

        MappingEngine mappings = MappingEngine.load();
        ShopConnectorProperties props = new ShopConnectorProperties(true, dir.toString(), 0, 1000,
                ZoneId.of("Asia/Shanghai"), 65536);
        ShopFileIntake intake = new ShopFileIntake(props, null, mappings);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        long t0 = System.nanoTime();
        FileFacts facts = EncodingDetector.detect(file);
        long events = 0;
        long bytes = 0;
        try (ShopFileChanges changes = intake.open(file, file.getFileName().toString(), "orders", facts)) {
            while (changes.hasNext()) {
                SourceChange change = changes.next();
                bytes += CanonicalJson.write(mappings.map(change, Instant.now())).length();
                events++;
            }
            report(lines, events, bytes, changes, (System.nanoTime() - t0) / 1e9);
        }
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    private static void report(int lines, long events, long jsonChars, ShopFileChanges changes, double seconds) {
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("rows accepted %,d, rejected %,d, canonical events %,d (%,d JSON chars)%n",
                changes.acceptedRows(), changes.rejectedRows(), events, jsonChars);
        System.out.printf("%.1f s, %,.0f rows/s, %,.0f events/s%n", seconds, lines / seconds, events / seconds);
        System.out.printf("max heap %,d MiB, peak heap used (sum of pool peaks) %,d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20);
    }

    /** Orders of one to three lines, Chinese product names, a few full-width and thousands-separated values. */
    static void generate(Path file, int lines) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("order_no,order_time,customer_id,status,currency,order_total,line_no,sku,product_name,"
                    + "quantity,unit_price,line_amount\n");
            int written = 0;
            for (long order = 1; written < lines; order++) {
                int n = (int) Math.min(1 + order % 3, lines - written);
                String head = "SO" + (10_000_000 + order) + ",2024/6/4 13:" + String.format("%02d", order % 60)
                        + ",U" + (order % 50_000) + ",PAID,CNY,\"1,2" + n + "0.00\",";
                for (int line = 1; line <= n; line++) {
                    w.write(head + line + ",SKU-" + (order * 7 + line) % 9999 + ",不锈钢保温杯 500ml,"
                            + (line == 2 ? "２" : "1") + ",\"1,2" + line + "0.00\",1" + line + "0.00\n");
                }
                written += n;
            }
        }
    }
}
