package io.crmhub.bench;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.embedded.Connect;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.component.debezium.postgres.configuration.PostgresConnectorEmbeddedDebeziumConfiguration;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium alone: the same engine, format and settings the hub's Camel consumer uses (a copy of its
 * component configuration), on a second slot created before the load, with offsets in memory. It only counts,
 * so it shows how fast capture itself can go on this machine.
 */
final class RawCapture {

    static final String MEMORY_OFFSETS = "org.apache.kafka.connect.storage.MemoryOffsetBackingStore";

    /** Records/s between the first and the last of {@code expected} records, and how long that took. */
    record Result(long records, long firstMillis, long lastMillis) {
        double perSecond() {
            return lastMillis > firstMillis ? records * 1000.0 / (lastMillis - firstMillis) : Double.NaN;
        }
    }

    private final PostgresConnectorEmbeddedDebeziumConfiguration config;

    /** @param hubConfig the hub's Debezium configuration; copied, then pointed at {@code slot}. */
    RawCapture(PostgresConnectorEmbeddedDebeziumConfiguration hubConfig, String slot) {
        config = (PostgresConnectorEmbeddedDebeziumConfiguration) hubConfig.copy();
        config.setName("bench-raw");
        config.setSlotName(slot);
        // the publication is the hub's, unchanged; the slot exists, so streaming starts where it was created
        config.setPublicationAutocreateMode("disabled");
        config.setSnapshotMode("no_data");
        config.setOffsetStorage(MEMORY_OFFSETS);
        Map<String, Object> extra = new HashMap<>(hubConfig.getAdditionalProperties());
        extra.keySet().removeIf(k -> k.startsWith("offset.storage.jdbc."));
        config.setAdditionalProperties(extra);
    }

    Result run(long expected, long timeoutSeconds) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                .using(config.createDebeziumConfiguration().asProperties())
                .notifying(event -> {
                    if (event.value() == null || event.value().value() == null) {
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
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
        long reported = 0;
        while (count.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            if (System.currentTimeMillis() - reported > 5000) {
                reported = System.currentTimeMillis();
                System.out.printf("[bench] raw capture: %,d / %,d records%n", count.get(), expected);
            }
        }
        try {
            engine.close();
        } catch (java.io.IOException e) {
            System.out.println("[bench] raw engine did not close cleanly: " + e);
        }
        runner.shutdown();
        runner.awaitTermination(30, TimeUnit.SECONDS);
        return new Result(count.get(), first.get(), last.get());
    }

    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        config.createDebeziumConfiguration().asMap().forEach((k, v) -> {
            if (!k.contains("password")) {
                s.put(k, v);
            }
        });
        return s;
    }
}
