package io.crmhub.it.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A real PostgreSQL from the embedded binaries, running as its own server process, that can be stopped and started
 * again on the same port with the same data directory (what an outage of the CRM database looks like to the hub).
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final boolean logical;
    private EmbeddedPostgres server;

    RestartablePostgres(Path dataDir, int port, boolean logical) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.logical = logical;
    }

    void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).setPort(port).setRegisterShutdownHook(true)
                .setServerConfig("max_connections", "200").setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off");
        if (logical) {
            builder.setServerConfig("wal_level", "logical").setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10");
        }
        server = builder.start();
    }

    /** Stops the server (fast shutdown: open connections are cut); the data stays. */
    void stop() throws IOException {
        server.close();
        server = null;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    void createDatabase(String name) throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            stop();
        }
    }
}
