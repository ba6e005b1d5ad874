package io.crmhub.identity.eval;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A throwaway embedded PostgreSQL with the CRM store schema (Flyway, the same migrations as the hub), for the
 * store stage of the evaluation. Server settings of a throwaway bulk load: no fsync, WAL buffers and shared
 * buffers large enough for a million rows and their indexes, no autovacuum pass started in the middle of the load.
 */
final class EvalDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    EvalDatabase() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("wal_buffers", "64MB")
                    .setServerConfig("autovacuum", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().migrate();
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
