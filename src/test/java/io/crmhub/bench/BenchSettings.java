package io.crmhub.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one benchmark run does, from system properties ({@code -Dbench.*}) or {@code key=value} program
 * arguments (a bare number is the change count). Any other hub property is passed through as
 * {@code -Dbench.hub.<property>=v} or as a dotted program argument {@code <property>=v}.
 *
 * @param changes        ERP changes per burst round (customer inserts and updates, orders, lines, payments); 0: no burst
 * @param batchSize      changes per ERP transaction in a burst
 * @param rounds         burst rounds, each committed after the previous one is through the hub (2: the second
 *                       measures a store that already holds the first)
 * @param rate           changes/s of the paced run after the bursts; 0: no paced run
 * @param seconds        how long the paced run commits
 * @param storeConsumers Kafka consumer threads applying canonical events to the store ({@code hub.kafka.store-consumers})
 * @param maxBatchSize   Debezium max batch size ({@code hub.connectors.erp.max-batch-size}); 0: the hub's own
 * @param pollIntervalMs Debezium poll interval ({@code hub.connectors.erp.poll-interval-ms}); 0: the hub's own (a
 *                       default copied here once outlived the product's: the bench ran at 50 ms while the product
 *                       moved to 20)
 * @param warmup         changes sent through the hub and drained before the measured ones (0: measure a cold hub)
 * @param maxMinutes     stop waiting this long after the first measured commit and report what arrived
 * @param settleSeconds  after the warm-up, wait at most this long for the JIT compilers to go quiet (the hub compiles
 *                       for minutes after its first load on two cores, taking CPU from what is measured); 0: no wait
 * @param hubOverrides   any other hub property, passed through unchanged
 */
record BenchSettings(int changes, int batchSize, int rounds, double rate, int seconds, int storeConsumers,
        int maxBatchSize, long pollIntervalMs, int warmup, int maxMinutes, int settleSeconds,
        Map<String, String> hubOverrides) {

    static BenchSettings from(String[] args) {
        Map<String, String> p = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench."))
                .forEach(k -> p.put(k, System.getProperty(k)));
        for (String a : args) {
            if (a.matches("\\d+")) {
                p.put("bench.changes", a);
            } else if (a.contains("=")) {
                String k = a.substring(0, a.indexOf('=')).replaceFirst("^-D", "");
                // changes=5000 is a benchmark setting, hub.kafka.store-consumers=2 a hub property
                String key = k.startsWith("bench.") ? k : k.contains(".") ? "bench.hub." + k : "bench." + k;
                p.put(key, a.substring(a.indexOf('=') + 1));
            }
        }
        Map<String, String> hub = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith("bench.hub.")) {
                hub.put(k.substring("bench.hub.".length()), v);
            }
        });
        return new BenchSettings(integer(p, "bench.changes", 100_000), integer(p, "bench.batch-size", 500),
                integer(p, "bench.rounds", 2), integer(p, "bench.rate", 1000), integer(p, "bench.seconds", 60),
                integer(p, "bench.store-consumers", 1), integer(p, "bench.max-batch-size", 0),
                integer(p, "bench.poll-interval-ms", 0), integer(p, "bench.warmup", 0),
                integer(p, "bench.max-minutes", 20), integer(p, "bench.settle-seconds", 0), hub);
    }

    /** Properties for the hub under test: the test profile's free ports, no trickle, a small seed. */
    Map<String, Object> hubProperties() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hub.simulator.erp.changes-per-second", "0");
        m.put("hub.simulator.erp.seed-customers", "5");
        m.put("hub.simulator.erp.seed-orders", "5");
        m.put("hub.kafka.store-consumers", String.valueOf(storeConsumers));
        if (maxBatchSize > 0) {
            m.put("hub.connectors.erp.max-batch-size", String.valueOf(maxBatchSize));
        }
        if (pollIntervalMs > 0) {
            m.put("hub.connectors.erp.poll-interval-ms", String.valueOf(pollIntervalMs));
        }
        // the hub's own INFO logging per batch would compete for the two cores being measured
        m.put("logging.level.root", "WARN");
        m.put("logging.level.io.crmhub", "INFO");
        m.putAll(hubOverrides);
        return m;
    }

    /** These settings with the Debezium batch size and poll interval the hub under test runs with. */
    BenchSettings ranWith(int hubMaxBatchSize, long hubPollIntervalMs) {
        return new BenchSettings(changes, batchSize, rounds, rate, seconds, storeConsumers, hubMaxBatchSize,
                hubPollIntervalMs, warmup, maxMinutes, settleSeconds, hubOverrides);
    }

    /** Changes of the paced run, and per transaction: 20 transactions a second. */
    int pacedChanges() {
        return (int) Math.round(rate * seconds);
    }

    int pacedBatchSize() {
        return (int) Math.max(1, Math.round(rate / 20));
    }

    private static int integer(Map<String, String> p, String key, int dflt) {
        String v = p.get(key);
        return v == null || v.isBlank() ? dflt : Integer.parseInt(v.trim());
    }
}
