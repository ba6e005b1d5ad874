package io.crmhub.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** How the embedded default's PostgreSQL and Kafka are configured and started ({@link EmbeddedInfrastructure}). */
final class EmbeddedServers {

    private static final List<Runnable> KAFKA_CLEANUPS = new CopyOnWriteArrayList<>();

    private EmbeddedServers() {}

    static EmbeddedPostgres startPostgres(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // PostgreSQL's own defaults (128 MB of buffers, 1 GB of WAL between checkpoints) are sized for a
                    // shared host: a store of 100,000 customers already outgrows them and every identity lookup then
                    // reads through the kernel (docs/benchmarks.md, apply at 100,000 per round: 1.3-1.9x faster with
                    // 1 GB). Memory is touched only as the store grows. -Dhub.embedded.postgres-config overrides.
                    .setServerConfig("shared_buffers", "1GB")
                    .setServerConfig("max_wal_size", "4GB");
            // benchmarks ask for pg_stat_statements (-Dhub.embedded.postgres-preload=pg_stat_statements)
            String preload = System.getProperty("hub.embedded.postgres-preload");
            if (preload != null && !preload.isBlank()) {
                builder.setServerConfig("shared_preload_libraries", preload);
            }
            // and sizes a real server would have (-Dhub.embedded.postgres-config=shared_buffers=2GB,work_mem=64MB)
            String config = System.getProperty("hub.embedded.postgres-config");
            if (config != null && !config.isBlank()) {
                for (String setting : config.split(",")) {
                    String[] kv = setting.split("=", 2);
                    builder.setServerConfig(kv[0].trim(), kv[1].trim());
                }
            }
            return builder
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_connections", "200")
                    // Durability is not what the embedded default is for; speed of the demo and the tests is.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    // but committed WAL reaches the WAL senders soon, as on an ERP's database: logical decoding (CDC)
                    // sees a change only once the WAL writer has flushed it, every wal_writer_delay (200 ms by
                    // default, most of commit → captured at 1,000 changes/s). With fsync off a flush is a write().
                    .setServerConfig("wal_writer_delay", "10ms")
                    .setServerConfig("full_page_writes", "off")
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The KRaft test kit always picks a free port (it ignores requested ones); the address is logged and in /info. */
    static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "log.retention.hours", "168"));
        // Kafka's test kit deletes the broker's data directory in a JVM shutdown hook of its own, which runs beside
        // Spring's: at every stop the log directory vanished under a broker still serving the hub's consumers, whose
        // last commits then failed ("Offset commit failed"). Those deletions are kept and run once the broker is down.
        Exit.setShutdownHookAdder((name, hook) -> KAFKA_CLEANUPS.add(hook));
        try {
            broker.afterPropertiesSet();
        } finally {
            Exit.resetShutdownHookAdder();
        }
        return broker;
    }

    /** The broker's data directory deletions the test kit meant for a shutdown hook: run once the broker is down. */
    static void runKafkaCleanups() {
        KAFKA_CLEANUPS.forEach(Runnable::run);
        KAFKA_CLEANUPS.clear();
    }
}
