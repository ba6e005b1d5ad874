package io.crmhub.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real PostgreSQL (logical decoding on) and a real KRaft Kafka broker, started inside this JVM for the
 * embedded default and the tests. One per JVM on purpose: the servers outlive any single hub context,
 * so a test can stop the hub, change the ERP and start the hub again against the same data. They stop at JVM exit,
 * once every hub context using them is closed (not in a test's @AfterAll, which runs while the context is still
 * open and its routes still talk to the servers). A server an earlier hub left running when its JVM was killed is
 * stopped at the next start ({@link EmbeddedPostgresOrphans}).
 */
public final class EmbeddedInfrastructure {

    /** Where the embedded servers listen; ports are resolved (never 0). */
    public record Endpoints(String postgresHost, int postgresPort, String postgresUser, String kafkaBrokers) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static final EmbeddedDependents DEPENDENTS = new EmbeddedDependents();
    /** How long a hub context may take to close (Camel's graceful shutdown alone may take 45 s). */
    private static final Duration DEPENDENT_CLOSE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(15);
    private static CompletableFuture<Endpoints> starting;
    private static boolean hookAdded;
    private static Endpoints endpoints;
    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private EmbeddedInfrastructure() {}

    /** Starts the servers once per JVM; later calls return the running endpoints whatever the ports asked. */
    public static Endpoints start(int postgresPort, String... databases) {
        try {
            return startInBackground(postgresPort, databases).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * As {@link #start}, but returns once the checks are done (servers left behind stopped, the port free) while the
     * servers start in a thread of their own: the hub's context gets going meanwhile and waits for them only where it
     * first needs their addresses ({@link EmbeddedEnvironmentPostProcessor}).
     */
    public static synchronized CompletableFuture<Endpoints> startInBackground(int postgresPort, String... databases) {
        if (starting == null || starting.isCompletedExceptionally()) {
            long t0 = System.nanoTime();
            stopOrphans();
            requireFreePort(postgresPort, "hub.embedded.postgres-port");
            if (!hookAdded) {
                // registered first, so a failure half-way (Kafka after PostgreSQL) leaves no orphan server behind
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedInfrastructure::shutdown, "embedded-infra-stop"));
                hookAdded = true;
            }
            starting = CompletableFuture.supplyAsync(() -> startServers(postgresPort, t0),
                    runnable -> new Thread(runnable, "embedded-servers-start").start());
        }
        return starting.thenApply(ep -> {
            for (String db : databases) {
                createDatabaseIfMissing(db);
            }
            return ep;
        });
    }

    /** PostgreSQL and Kafka side by side: neither needs the other, and each takes seconds. */
    private static Endpoints startServers(int postgresPort, long t0) {
        CompletableFuture<EmbeddedKafkaKraftBroker> broker = CompletableFuture.supplyAsync(
                EmbeddedServers::startKafka, runnable -> new Thread(runnable, "embedded-kafka-start").start());
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedServers.startPostgres(postgresPort);
        } catch (RuntimeException e) {
            keep(null, broker.handle((started, failure) -> started).join());
            stopServers();
            throw e;
        }
        try {
            keep(pg, broker.join());
        } catch (CompletionException e) {
            keep(pg, null);
            stopServers();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Endpoints ep = endpoints();
        // printed to stderr too: this runs before Spring has configured logging
        System.err.printf("crm-hub: embedded PostgreSQL on port %d and Kafka at %s started in %d ms%n",
                ep.postgresPort(), ep.kafkaBrokers(), (System.nanoTime() - t0) / 1_000_000);
        return ep;
    }

    private static synchronized void keep(EmbeddedPostgres pg, EmbeddedKafkaKraftBroker broker) {
        postgres = pg;
        kafka = broker;
        if (pg != null && broker != null) {
            endpoints = new Endpoints("localhost", pg.getPort(), "postgres", broker.getBrokersAsString());
        }
    }

    public static synchronized boolean isRunning() {
        return endpoints != null;
    }

    public static synchronized Endpoints endpoints() {
        return endpoints;
    }

    /** A hub context using the servers: at JVM exit it is closed, and done closing, before the servers stop. */
    static void register(ConfigurableApplicationContext context) {
        DEPENDENTS.add(context);
    }

    /**
     * Once every hub context is closed and done closing (each one's Kafka consumers stopped, offsets committed, group
     * left), stops the servers. Runs at JVM exit, beside Spring's own shutdown hook (which closes the contexts); a main
     * that ends with {@code Runtime.halt} (no shutdown hooks) calls it first.
     */
    public static void shutdown() {
        closeDependents();
        CompletableFuture<Endpoints> inProgress;
        synchronized (EmbeddedInfrastructure.class) {
            inProgress = starting;
        }
        if (inProgress != null) {
            inProgress.handle((ep, failure) -> ep).join(); // servers still starting are stopped once started
        }
        stopServers();
    }

    /** Returns once every hub context using the servers is closed and done closing: the servers may stop. */
    static void closeDependents() {
        DEPENDENTS.closeAll(DEPENDENT_CLOSE_TIMEOUT);
    }

    /**
     * Embedded servers whose hub ended without stopping them (kill -9, Runtime.halt …) keep running, and the one on the
     * fixed port refuses every later start: stop them, and say so.
     */
    private static void stopOrphans() {
        for (EmbeddedPostgresOrphans.Server orphan : EmbeddedPostgresOrphans.running()) {
            if (orphan.orphaned()) {
                long t0 = System.nanoTime();
                boolean stopped = EmbeddedPostgresOrphans.stop(orphan, ORPHAN_STOP_TIMEOUT);
                System.err.printf("crm-hub: %s the embedded PostgreSQL (pid %d, port %d) that an earlier crm-hub left "
                        + "running when it ended without stopping it%s (%d ms)%n", stopped ? "stopped" : "could not stop",
                        orphan.postmaster().pid(), orphan.port(),
                        stopped ? "; its data directory " + orphan.dataDirectory() + " is removed" : "",
                        (System.nanoTime() - t0) / 1_000_000);
            }
        }
        removeLeftovers();
    }

    /** What servers that are gone left in the temp directory: removed, and said once. */
    private static void removeLeftovers() {
        List<Path> leftovers = EmbeddedLeftovers.find(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
        if (!leftovers.isEmpty()) {
            long freed = EmbeddedLeftovers.remove(leftovers);
            System.err.printf("crm-hub: removed %d data directories of embedded servers that ended without removing "
                    + "them (%d MB)%n", leftovers.size(), freed >> 20);
        }
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
            throw new IllegalStateException("port " + port + " is already in use by " + holder(port) + "; stop it or "
                    + "choose another port with " + property, e);
        }
    }

    /** Who holds the port: a hub's embedded PostgreSQL whose hub still runs (orphans were stopped), or someone else. */
    private static String holder(int port) {
        return EmbeddedPostgresOrphans.running().stream().filter(s -> s.port() == port).findFirst()
                .map(s -> "the embedded PostgreSQL (pid " + s.postmaster().pid() + ") of another crm-hub that is "
                        + "still running")
                .orElse("a program that is not a crm-hub's embedded PostgreSQL");
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

    /**
     * Writes the dirty buffers out before the stop: the library's {@code pg_ctl stop} waits 5 s, and the shutdown
     * checkpoint of a store that took a large load into its 1 GB of shared buffers takes longer (a backfill
     * benchmark's stop failed so). A {@code CHECKPOINT} statement has no such limit; the shutdown's own is then short.
     */
    private static void checkpoint(EmbeddedPostgres server) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            LOG.warn("embedded PostgreSQL: checkpoint before the stop failed: {}", e.getMessage());
        }
    }

    private static synchronized void stopServers() {
        endpoints = null;
        starting = null;
        try {
            if (kafka != null) {
                kafka.destroy();
            }
            kafka = null;
            EmbeddedServers.runKafkaCleanups();
        } catch (RuntimeException e) {
            LOG.warn("embedded Kafka did not stop cleanly: {}", e.toString());
        }
        try {
            if (postgres != null) {
                checkpoint(postgres);
                postgres.close();
            }
            postgres = null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
