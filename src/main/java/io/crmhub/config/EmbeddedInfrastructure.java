package io.crmhub.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real PostgreSQL (logical decoding on) and a real KRaft Kafka broker, started inside this JVM for the
 * embedded default and the tests. One per JVM on purpose: the servers outlive any single hub context,
 * so a test can stop the hub, change the ERP and start the hub again against the same data. They stop in
 * a shutdown hook, after Spring has closed every context (not in a test's @AfterAll, which runs while the
 * context is still open and its routes still talk to the servers).
 */
public final class EmbeddedInfrastructure {

    /** Where the embedded servers listen; ports are resolved (never 0). */
    public record Endpoints(String postgresHost, int postgresPort, String postgresUser, String kafkaBrokers) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static final java.util.Set<org.springframework.context.ConfigurableApplicationContext> DEPENDENTS =
            new java.util.LinkedHashSet<>();
    private static Endpoints endpoints;
    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private EmbeddedInfrastructure() {}

    /** Starts the servers once per JVM; later calls return the running endpoints whatever the ports asked. */
    public static synchronized Endpoints start(int postgresPort, String... databases) {
        if (endpoints == null) {
            long t0 = System.nanoTime();
            requireFreePort(postgresPort, "hub.embedded.postgres-port");
            // registered first, so a failure half-way (Kafka after PostgreSQL) leaves no orphan server behind
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedInfrastructure::stop, "embedded-infra-stop"));
            try {
                postgres = startPostgres(postgresPort);
                kafka = startKafka();
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
            endpoints = new Endpoints("localhost", postgres.getPort(), "postgres", kafka.getBrokersAsString());
            // printed to stderr too: this runs before Spring has configured logging
            System.err.printf("crm-hub: embedded PostgreSQL on port %d and Kafka at %s started in %d ms%n",
                    endpoints.postgresPort(), endpoints.kafkaBrokers(), (System.nanoTime() - t0) / 1_000_000);
        }
        for (String db : databases) {
            createDatabaseIfMissing(db);
        }
        return endpoints;
    }

    public static synchronized boolean isRunning() {
        return endpoints != null;
    }

    public static synchronized Endpoints endpoints() {
        return endpoints;
    }

    /** A hub context using the servers; at JVM exit it is closed before the servers stop. */
    static synchronized void register(org.springframework.context.ConfigurableApplicationContext context) {
        DEPENDENTS.add(context);
    }

    static synchronized void deregister(org.springframework.context.ConfigurableApplicationContext context) {
        DEPENDENTS.remove(context);
    }

    /**
     * A fixed port already taken means another hub (or server) is running: say so instead of joining it. The probe
     * binds as PostgreSQL and Kafka themselves do, with SO_REUSEADDR: connections of a hub that just stopped linger in
     * TIME_WAIT for a minute, and without it a restart within that minute was refused although nothing listened.
     */
    static void requireFreePort(int port, String property) {
        if (port <= 0) {
            return;
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("localhost", port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use (is another crm-hub running?); "
                    + "stop it or choose another port with " + property, e);
        }
    }

    private static EmbeddedPostgres startPostgres(int port) {
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
                    .setServerConfig("full_page_writes", "off")
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The KRaft test kit always picks a free port (it ignores requested ones); the address is logged and in /info. */
    private static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "log.retention.hours", "168"));
        broker.afterPropertiesSet();
        return broker;
    }

    private static void createDatabaseIfMissing(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create embedded database " + name, e);
        }
    }

    private static void stop() {
        // Spring's own shutdown hook runs concurrently with this one: close the hub contexts first (close()
        // waits for a close already in progress), so no route talks to a server that is already gone.
        java.util.List<org.springframework.context.ConfigurableApplicationContext> contexts;
        synchronized (EmbeddedInfrastructure.class) {
            contexts = new java.util.ArrayList<>(DEPENDENTS);
        }
        contexts.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("hub context did not close cleanly: {}", e.toString());
            }
        });
        stopServers();
    }

    private static synchronized void stopServers() {
        endpoints = null;
        try {
            if (kafka != null) {
                kafka.destroy();
            }
        } catch (RuntimeException e) {
            LOG.warn("embedded Kafka did not stop cleanly: {}", e.toString());
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
